import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { PluginSlotElementDto } from '../api/models';
import { Session } from '../core/session';
import { importPluginModule, pluginElementTimeout } from './plugin-elements';
import { PluginSlot } from './plugin-slot';

const texts = {
  pluginScreens: { retry: 'Try again', details: 'Technical details' },
  pluginSlots: {
    loading: 'Loading',
    failed: 'This part could not be shown',
    failure: { load: 'Not loaded: {{plugin}}', undefined: 'Not provided: {{plugin}}', crashed: 'Crashed: {{plugin}}', reported: 'Reported: {{plugin}}' },
  },
};

let slotCount = 0;

describe('PluginSlot', () => {
  let fixture: ComponentFixture<PluginSlot>;
  let working: PluginSlotElementDto;
  let broken: PluginSlotElementDto;
  let elsewhere: PluginSlotElementDto;

  beforeEach(() => {
    // Custom elements stay defined for the whole run: every test has its own tags.
    const id = ++slotCount;
    const element = (name: string, slot = 'dashboard'): PluginSlotElementDto => ({
      plugin: 'Erp.Test', slot, element: `erp-test-${name}-${id}`, entry: `/plugins/Erp.Test/1.0.0/${name}-${id}.js`, sdk: 1,
    });
    [working, broken, elsewhere] = [element('tile'), element('broken'), element('side', 'record-side')];
    const importModule = async (url: string) => {
      if (url.startsWith(broken.entry)) throw new TypeError('Failed to fetch dynamically imported module');
      const defined = [working, elsewhere].find((e) => url === e.entry)!;
      customElements.define(defined.element, class extends HTMLElement {
        connectedCallback() {
          this.textContent = `I am ${defined.element}`;
        }
      });
    };
    TestBed.configureTestingModule({
      imports: [TranslocoTestingModule.forRoot({ langs: { en: texts }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideRouter([]),
        { provide: Session, useValue: { user: signal({ id: 'u1', name: 'Ada', roles: [] }), can: () => true, slotElements: signal([working, broken, elsewhere]) } },
        { provide: importPluginModule, useValue: importModule },
        { provide: pluginElementTimeout, useValue: 50 },
      ],
    });
  });

  it("shows each element of its slot in its own boundary: a failing one's compact panel beside the working one", async () => {
    fixture = TestBed.createComponent(PluginSlot);
    fixture.componentRef.setInput('name', 'dashboard');
    fixture.detectChanges();
    const slot = fixture.nativeElement as HTMLElement;

    await vi.waitFor(() => {
      fixture.detectChanges();
      expect(slot.textContent).toContain(`I am ${working.element}`);
      expect(slot.querySelector('[role=alert] h2')?.textContent).toContain('This part could not be shown');
    });
    expect(slot.querySelector('[role=alert]')?.textContent).toContain('Not loaded: Erp.Test');
    expect(slot.querySelectorAll('[role=alert]')).toHaveLength(1);
    expect(slot.querySelector(elsewhere.element)).toBeNull();
  });

  it('gives its elements the context as properties, before they are attached and whenever it changes', async () => {
    fixture = TestBed.createComponent(PluginSlot);
    fixture.componentRef.setInput('name', 'record-side');
    fixture.componentRef.setInput('context', { entity: 'customer', recordId: 'r1' });
    fixture.detectChanges();
    const slot = fixture.nativeElement as HTMLElement;
    const shown = () => slot.querySelector(elsewhere.element) as (HTMLElement & { entity?: string; recordId?: string }) | null;
    await vi.waitFor(() => expect(shown()?.recordId).toBe('r1'));
    expect(shown()?.entity).toBe('customer');

    fixture.componentRef.setInput('context', { entity: 'customer', recordId: 'r2' });
    fixture.detectChanges();
    expect(shown()?.recordId).toBe('r2');
  });
});
