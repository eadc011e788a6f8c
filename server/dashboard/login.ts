// The sign-in form (docs/dashboard.md#signing-in): the API token is POSTed, never put in a URL.
import { h, type Html } from "./html";
import { page } from "./layout";

export function loginPage(next: string, error: string | null): Html {
  return page(
    "Sign in",
    h`<section class="login"><h1>Sign in to the dashboard</h1>
${error ? h`<p class="error" role="alert">${error}</p>` : ""}
<form method="post" action="/dashboard/login">
<input type="hidden" name="next" value="${next}">
<label for="token">API token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button class="primary" type="submit">Sign in</button>
</form>
<p class="muted">The server's API token (CALLTRK_API_TOKEN). Signing in keeps you in for 12 hours on this browser.</p></section>`,
  );
}

/** The body of a page saying something went wrong, with a way on. */
export const messageBody = (title: string, message: string): Html =>
  h`<h1>${title}</h1><p>${message}</p><p><a href="/dashboard">Dashboard</a></p>`;

/** The same as a whole page, for a browser not (yet) signed in. */
export const messagePage = (title: string, message: string): Html => page(title, messageBody(title, message));
