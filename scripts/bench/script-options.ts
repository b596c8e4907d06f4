/**
 * The command line of the bench's evidence scripts (grade-trace, stats-screen, profile,
 * start-trace): `--name value` options, flags, and the `--builds name=dir,name=dir` they A/B.
 */
export function scriptOptions(args: readonly string[] = process.argv.slice(2)) {
  const option = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback)
  return {
    option,
    flag: (name: string) => args.includes(`--${name}`),
    /** The builds to serve in turn, as [name, folder] pairs. */
    builds: (fallback: string) =>
      option('builds', fallback)
        .split(',')
        .map((build) => build.split('=') as [string, string])
  }
}
