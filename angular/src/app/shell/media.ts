import { DestroyRef, Signal, inject, signal } from '@angular/core';

/** Whether the window matches a media query, following it as the window is resized or turned. */
export function mediaMatches(query: string): Signal<boolean> {
  const media = window.matchMedia(query);
  const matches = signal(media.matches);
  const follow = (event: MediaQueryListEvent) => matches.set(event.matches);
  media.addEventListener('change', follow);
  inject(DestroyRef).onDestroy(() => media.removeEventListener('change', follow));
  return matches.asReadonly();
}
