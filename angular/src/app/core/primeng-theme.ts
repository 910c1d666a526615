import { Theme, definePreset } from '@primeuix/themes';
import Aura from '@primeuix/themes/aura';
import erp from './primeng-preset.json';

/**
 * PrimeNG's Aura with a primary colour text can be read on: Aura's emerald 500 is 2.5:1 on white (and white on it),
 * under WCAG AA's 4.5:1 for text; emerald 700 is 5.5:1 both ways (`primeng-preset.json`). Dark mode keeps Aura's
 * emerald 400 on dark surfaces.
 */
export const erpPreset = definePreset(Aura, erp.preset);

/**
 * Sets the theme PrimeNG's components make their styles from. Its variables and global style are not made here: the
 * build made them into `src/primeng-theme.css` (scripts/primeng-theme.mjs), part of the page's styles from the start.
 */
export function useErpTheme(): void {
  Theme.setTheme({ preset: erpPreset, options: { darkModeSelector: erp.darkModeSelector } });
  Theme.setLoadedStyleName('common');
}
