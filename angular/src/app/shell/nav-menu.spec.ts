import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { MenuNodeDto } from '../api/models';
import { NavMenu } from './nav-menu';

@Component({ template: '' })
class Page {}

const node = (name: string, label: string, route: string | null, children: MenuNodeDto[] = []): MenuNodeDto => ({ name, label, route, children, order: 0 });
const menu = [
  node('Administration', 'Administration', null, [node('Administration/Users', 'Users', '/admin/users'), node('Administration/Roles', 'Roles', '/admin/roles')]),
  node('Sales', 'Sales', null, [node('Sales/Orders', 'Orders', '/sales/orders')]),
];

describe('NavMenu', () => {
  async function render() {
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: '**', component: Page }])] });
    const fixture = TestBed.createComponent(NavMenu);
    fixture.componentRef.setInput('nodes', menu);
    await fixture.whenStable();
    return fixture;
  }

  it('shows each group as a button over its entries as links, open at first', async () => {
    const page = (await render()).nativeElement as HTMLElement;
    const groups = [...page.querySelectorAll('button.group')];
    expect(groups.map((b) => [b.textContent?.trim(), b.getAttribute('aria-expanded')])).toEqual([
      ['Administration', 'true'],
      ['Sales', 'true'],
    ]);
    expect([...page.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Users', '/admin/users'],
      ['Roles', '/admin/roles'],
      ['Orders', '/sales/orders'],
    ]);
  });

  it('folds a group away and back, the others staying as they are', async () => {
    const fixture = await render();
    const page = fixture.nativeElement as HTMLElement;
    const administration = page.querySelector<HTMLButtonElement>('button.group')!;
    administration.click();
    await fixture.whenStable();
    expect(administration.getAttribute('aria-expanded')).toBe('false');
    expect([...page.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Orders']);
    administration.click();
    await fixture.whenStable();
    expect([...page.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Users', 'Roles', 'Orders']);
  });

  it('marks the current page', async () => {
    const fixture = await render();
    await TestBed.inject(Router).navigateByUrl('/admin/roles');
    await fixture.whenStable();
    const current = [...(fixture.nativeElement as HTMLElement).querySelectorAll('a[aria-current="page"]')];
    expect(current.map((a) => a.textContent)).toEqual(['Roles']);
  });
});
