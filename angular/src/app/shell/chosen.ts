/**
 * The value a native select's change event chose. The header's selects bind no form directive: `@angular/forms` would
 * be part of every first page's download for two selects.
 */
export function chosen(event: Event): string {
  return (event.target as HTMLSelectElement).value;
}
