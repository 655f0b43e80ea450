// Keeps the bundle page's reading progress up to date without a reload.
// Progressive enhancement: without JavaScript the page says so and offers a refresh.
const POLL_MS = 2000

const box = document.querySelector('[data-bundle-progress]')

const show = (state) => {
  const row = box.querySelector(`tr[data-document="${state.document}"]`)
  if (!row) return
  const title = row.querySelector('[data-field="title"]')
  title.textContent = state.title
  title.className = `govuk-tag hub-reading hub-reading--${state.status}`
  const bar = row.querySelector('[data-field="bar"]')
  bar.max = state.pages_total
  bar.value = state.pages_done
  bar.textContent = `${state.percent}%`
  row.querySelector('[data-field="message"]').textContent = state.message
  const ocr = row.querySelector('[data-field="ocr"]')
  ocr.textContent = state.ocr_message
  ocr.hidden = !state.ocr_message
}

const poll = async () => {
  try {
    const response = await fetch(box.dataset.bundleProgress, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    if (!response.ok) throw new Error(String(response.status))
    const result = await response.json()
    result.documents.forEach(show)
    if (result.finished) {
      const note = document.querySelector('[data-progress-note]')
      if (note) {
        note.textContent = 'Reading finished. '
        // The buttons (retry, OCR) depend on how each reading ended; offer them rather than reload under the reader.
        if (result.documents.some((d) => d.can_retry || d.ocr_status === 'offered')) {
          const link = document.createElement('a')
          link.className = 'govuk-link'
          link.href = window.location.href
          link.textContent = 'Refresh the page to retry or read scanned pages'
          note.append(link)
        }
      }
      return
    }
  } catch (error) {
    const note = document.querySelector('[data-progress-note]')
    if (note) note.textContent = 'Could not check the progress just now: refresh the page to see it.'
  }
  window.setTimeout(poll, POLL_MS)
}

if (box && box.hasAttribute('data-reading')) {
  const note = document.querySelector('[data-progress-note]')
  if (note) note.textContent = 'This page updates as the files are read.'
  window.setTimeout(poll, POLL_MS)
}
