import { initAll } from './govuk/govuk-frontend.min.js'

initAll()

// Warn before the idle sign-out (WCAG 2.2.1 Timing Adjustable) and let the
// person stay signed in with one button. The server enforces the limit; this
// only tells the person in time and keeps the session alive when they ask.
const dialog = document.getElementById('hub-timeout')
if (dialog) {
  const idleMs = Number(dialog.dataset.idleSeconds) * 1000
  const warningMs = Number(dialog.dataset.warningSeconds) * 1000
  const countdown = dialog.querySelector('[data-countdown]')
  const csrf = document.querySelector('input[name=csrfmiddlewaretoken]')
  let warnTimer, outTimer, tickTimer, deadline

  const describe = (ms) => {
    const seconds = Math.max(0, Math.round(ms / 1000))
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60)
      return `${minutes} minute${minutes === 1 ? '' : 's'}`
    }
    return `${seconds} second${seconds === 1 ? '' : 's'}`
  }

  const start = () => {
    clearTimeout(warnTimer)
    clearTimeout(outTimer)
    clearInterval(tickTimer)
    deadline = Date.now() + idleMs
    warnTimer = setTimeout(() => {
      countdown.textContent = describe(deadline - Date.now())
      dialog.showModal()
      tickTimer = setInterval(() => { countdown.textContent = describe(deadline - Date.now()) }, 15000)
    }, Math.max(0, idleMs - warningMs))
    outTimer = setTimeout(() => { window.location.href = dialog.dataset.signInUrl }, idleMs)
  }

  dialog.querySelector('[data-keep-alive]').addEventListener('click', async () => {
    const response = await fetch(dialog.dataset.keepAliveUrl, {
      method: 'POST',
      headers: { 'X-CSRFToken': csrf ? csrf.value : '' },
      credentials: 'same-origin'
    })
    if (response.ok) {
      dialog.close()
      start()
    } else {
      window.location.href = dialog.dataset.signInUrl
    }
  })
  // Escape would close the dialog without telling the server; treat it as "stay".
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    dialog.querySelector('[data-keep-alive]').click()
  })
  start()
}
