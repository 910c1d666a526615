import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Api } from '../api/api';
import { appConfigOf } from './app-config.testing';
import { Session } from './session';

describe('Session', () => {
  let invoke: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    invoke = vi.fn();
    TestBed.configureTestingModule({ providers: [{ provide: Api, useValue: { invoke } }] });
  });

  it('asks once when the early start and the guard both load', async () => {
    invoke.mockResolvedValue(appConfigOf('ada'));
    const session = TestBed.inject(Session);

    const [early, guard] = await Promise.all([session.load(), session.load()]);

    expect(invoke).toHaveBeenCalledTimes(1);
    expect(guard).toBe(early);
    expect(session.user()?.name).toBe('ada');
    expect(session.can('Identity.Users')).toBe(true);
  });

  it('asks again after a failed load, not handing the failure on forever', async () => {
    invoke.mockRejectedValueOnce(new HttpErrorResponse({ status: 503 })).mockResolvedValueOnce(appConfigOf('ada'));
    const session = TestBed.inject(Session);

    await expect(session.load()).rejects.toBeInstanceOf(HttpErrorResponse);
    await expect(session.load()).resolves.toMatchObject({ user: { name: 'ada' } });
    expect(invoke).toHaveBeenCalledTimes(2);
  });

  it('keeps what a reload read: a later load does not bring back the first answer', async () => {
    invoke.mockResolvedValueOnce(appConfigOf('ada')).mockResolvedValueOnce(appConfigOf('ada lovelace'));
    const session = TestBed.inject(Session);
    await session.load();

    await session.reload();

    expect((await session.load()).user.name).toBe('ada lovelace');
    expect(session.user()?.name).toBe('ada lovelace');
    expect(invoke).toHaveBeenCalledTimes(2);
  });
});
