import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { PluginScreenDto } from '../api/models';
import { Session } from '../core/session';
import type { ErpPluginSdk } from './erp-plugin-sdk';
import { importPluginModule, pluginElementTimeout } from './plugin-elements';
import { PluginScreenPage } from './plugin-screen';

const texts = {
  pluginScreens: {
    failed: 'This screen could not be shown',
    retry: 'Try again',
    details: 'Technical details',
    failure: { load: 'Not loaded: {{plugin}}', undefined: 'Not provided: {{plugin}}', crashed: 'Crashed: {{plugin}}', reported: 'Reported: {{plugin}}' },
  },
};

let screenCount = 0;

describe('PluginScreenPage', () => {
  let screen: PluginScreenDto;
  let importModule: ReturnType<typeof vi.fn<(url: string) => Promise<unknown>>>;
  let fixture: ComponentFixture<PluginScreenPage>;

  beforeEach(() => {
    // Custom elements stay defined for the whole run: every test has its own tag.
    const element = `erp-test-screen-${++screenCount}`;
    screen = { plugin: 'Erp.Test', path: `/screens/Erp.Test/board-${screenCount}`, element, entry: `/plugins/Erp.Test/1.0.0/screen-${screenCount}.js`, sdk: 1 };
    importModule = vi.fn<(url: string) => Promise<unknown>>();
    TestBed.configureTestingModule({
      imports: [TranslocoTestingModule.forRoot({ langs: { en: texts }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideRouter([]),
        { provide: Session, useValue: { user: signal({ id: 'u1', name: 'Ada', roles: [] }), can: () => true, screens: signal([screen]) } },
        { provide: importPluginModule, useValue: importModule },
        { provide: pluginElementTimeout, useValue: 50 },
      ],
    });
  });

  function open(route = screen.path.split('/').at(-1)!): HTMLElement {
    fixture = TestBed.createComponent(PluginScreenPage);
    fixture.componentRef.setInput('plugin', 'Erp.Test');
    fixture.componentRef.setInput('route', route);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  async function shows(page: HTMLElement, text: string): Promise<void> {
    await vi.waitFor(() => {
      fixture.detectChanges();
      expect(page.textContent).toContain(text);
    });
  }

  function define(onConnect: (element: HTMLElement & { sdk?: ErpPluginSdk }) => void = () => {}): void {
    customElements.define(
      screen.element,
      class extends HTMLElement {
        sdk?: ErpPluginSdk;
        connectedCallback() {
          onConnect(this);
        }
      },
    );
  }

  it('shows the element its module defines, handing it the SDK', async () => {
    importModule.mockImplementation(async () => define((element) => (element.textContent = `Hello ${element.sdk?.user.name}`)));
    const page = open();
    await shows(page, 'Hello Ada');
    expect(importModule).toHaveBeenCalledWith(screen.entry);
    expect(page.querySelector('[role=alert]')).toBeNull();
  });

  it('shows the error panel when the module does not load, and loads it again, at a new address, on retry', async () => {
    importModule.mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'));
    const page = open();
    await shows(page, 'Not loaded: Erp.Test');
    expect(page.querySelector('[role=alert]')?.textContent).toContain('Failed to fetch dynamically imported module');

    importModule.mockImplementation(async () => define((element) => (element.textContent = 'Loaded now')));
    (page.querySelector('[role=alert] button') as HTMLButtonElement).click();
    await shows(page, 'Loaded now');
    expect(importModule).toHaveBeenLastCalledWith(`${screen.entry}?attempt=1`);
    expect(page.querySelector('[role=alert]')).toBeNull();
  });

  it('shows the error panel when the module never defines the element', async () => {
    importModule.mockResolvedValue({});
    const page = open();
    await shows(page, 'Not provided: Erp.Test');
    expect(page.textContent).toContain(`did not define <${screen.element}>`);
  });

  it('replaces the element with the error panel when it reports an erp-error', async () => {
    importModule.mockImplementation(async () =>
      define((element) => setTimeout(() => element.dispatchEvent(new CustomEvent('erp-error', { detail: 'The rates could not be read.' })))),
    );
    const page = open();
    await shows(page, 'Reported: Erp.Test');
    expect(page.textContent).toContain('The rates could not be read.');
    expect(page.querySelector(screen.element)).toBeNull();
  });

  it('shows the error panel when the element cannot be made', async () => {
    importModule.mockImplementation(async () =>
      customElements.define(
        screen.element,
        class extends HTMLElement {
          constructor() {
            super();
            throw new Error('broken constructor');
          }
        },
      ),
    );
    const page = open();
    await shows(page, 'Crashed: Erp.Test');
  });

  it('says a screen the user may not open (or that does not exist) is not found, loading nothing', async () => {
    const page = open('no-such-screen');
    await vi.waitFor(() => expect(page.querySelector('app-not-found')).not.toBeNull());
    expect(importModule).not.toHaveBeenCalled();
  });
});
