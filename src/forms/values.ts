// What a form's controls hold at the moment it is submitted (docs/forms.md#loaded-on-demand).
// Read synchronously in the submit event by the main bundle, so that a form the page resets
// or removes right after submitting still reports what was sent; which of it is captured is
// decided by the forms part (fields.ts). Nothing read here is ever written to storage.

/** Each control of the form: [the element, whether it is checked, its value, or a select's selected values]. */
export type Values = Array<[Element, boolean, string | string[]]>;

type Control = HTMLInputElement & HTMLSelectElement;

export const readValues = (form: HTMLFormElement): Values =>
  Array.prototype.map.call(form.elements, (el: Control) => [
    el,
    el.checked,
    el.tagName == "SELECT"
      ? Array.prototype.filter
          .call(el.options, (o: HTMLOptionElement) => o.selected)
          .map((o: HTMLOptionElement) => o.value)
      : el.value,
  ]) as Values;
