import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';

/**
 * An RFC 9457 problem as the host answers one, in the reader's language: what went wrong, and for a 400 what each
 * field was refused for (keys as the request named them: `email`, `extra.tier`).
 */
export interface Problem {
  status: number;
  detail: string;
  fields: Record<string, string[]>;
}

/** The problem an API call failed with; <paramref name="fallback"/> (translated) when the answer was none (the network). */
export function problemOf(error: unknown, fallback: string): Problem {
  if (!(error instanceof HttpErrorResponse)) return { status: 0, detail: fallback, fields: {} };
  const body = parsed(error.error);
  return body === null
    ? { status: error.status, detail: fallback, fields: {} }
    : { status: error.status, detail: body.detail ?? body.title ?? fallback, fields: body.errors ?? {} };
}

// The problem's JSON: parsed already, or text where the call expected no JSON body (a 204 endpoint's client reads text).
function parsed(body: unknown): { detail?: string; title?: string; errors?: Record<string, string[]> } | null {
  if (typeof body === 'string') {
    try {
      return parsed(JSON.parse(body));
    } catch {
      return null;
    }
  }
  return body !== null && typeof body === 'object' && !(body instanceof ProgressEvent) ? body : null;
}

/**
 * What <paramref name="problem"/> refused <paramref name="field"/> for. Keys are matched ignoring case: the framework's
 * own checks key a refusal by the member's name (`Email`), the modules' by the JSON name (`email`, `AuditLogging.RetentionDays`).
 */
export function fieldErrors(problem: Problem | null, field: string): string[] {
  const wanted = field.toLowerCase();
  return Object.entries(problem?.fields ?? {}).filter(([key]) => key.toLowerCase() === wanted).flatMap(([, texts]) => texts);
}

/** The problem an API call failed with, with the shared text (in the reader's language) for a failure that came with none. */
@Injectable({ providedIn: 'root' })
export class Problems {
  private readonly texts = inject(TranslocoService);

  of(error: unknown): Problem {
    return problemOf(error, this.texts.translate('common.unexpected'));
  }
}
