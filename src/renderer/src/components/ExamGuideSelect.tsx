import { inputClass } from '@components/FormField'
import { BLUEPRINTS } from '@shared/exam/blueprints'

/** A choice of exam guide (its code), or '' for none, labelled `none`. */
export function ExamGuideSelect({
  id,
  value,
  none,
  className = '',
  onChoose
}: {
  id: string
  value: string
  none: string
  className?: string
  onChoose: (exam: string) => void
}) {
  return (
    <select id={id} className={`${inputClass} ${className}`} value={value} onChange={(e) => onChoose(e.target.value)}>
      {BLUEPRINTS.map((b) => (
        <option key={b.exam} value={b.exam}>
          {b.exam} · {b.name}
        </option>
      ))}
      <option value="">{none}</option>
    </select>
  )
}
