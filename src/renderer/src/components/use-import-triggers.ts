import { actions } from '@store'
import { useEffect } from 'react'

// .zip: a folder of Markdown notes with the images they name.
const IMPORT_ACCEPT = '.json,.md,.markdown,.txt,.csv,.tsv,.apkg,.colpkg,.zip'

/** Opens the system's file picker for a deck file. */
export function pickDeckFile(): void {
  const input = document.createElement('input')
  input.type = 'file'
  input.accept = IMPORT_ACCEPT
  input.onchange = () => {
    const file = input.files?.[0]
    if (file) void actions().startImport(file)
  }
  input.click()
}

/** Ctrl+Shift+I (Cmd+Shift+I) picks a file; a file dropped anywhere on the window is imported. */
export function useImportTriggers(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'i') {
        event.preventDefault()
        pickDeckFile()
      }
    }
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault()
    }
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0]
      if (!file) return
      event.preventDefault()
      void actions().startImport(file)
    }
    window.addEventListener('keydown', onKey)
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [])
}
