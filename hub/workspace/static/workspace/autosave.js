// Saves a workspace form as the assessor types, so nothing typed is lost.
// Progressive enhancement: without JavaScript the Save button does the same.
const DELAY_MS = 1500

for (const form of document.querySelectorAll('form[data-autosave]')) {
  const status = form.querySelector('[data-autosave-status]')
  let timer = null
  let inFlight = Promise.resolve()

  const save = () => {
    inFlight = inFlight.then(async () => {
      try {
        const response = await fetch(form.action || window.location.href, {
          method: 'POST',
          body: new FormData(form),
          headers: { 'X-Autosave': '1' },
          credentials: 'same-origin'
        })
        const result = await response.json()
        if (status) {
          status.textContent = result.saved ? `Draft saved at ${result.at}` : 'Not saved yet: check the answers marked when you press Save'
        }
      } catch (error) {
        if (status) status.textContent = 'Could not save a draft: your typing is still here, press Save'
      }
    })
  }

  form.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(save, DELAY_MS)
  })
  form.addEventListener('change', () => {
    clearTimeout(timer)
    timer = setTimeout(save, 300)
  })
}
