import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { MessageModule } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { Api } from '../../api/api';
import { listLowCodeEntities } from '../../api/functions';
import { EntityDefinitionDto } from '../../api/models';
import { Problems } from '../../core/problems';
import { Session } from '../../core/session';

/** The entities administrators defined: each opens in the designer, and its records in their generated list. */
@Component({
  selector: 'app-entities',
  imports: [RouterLink, TranslocoPipe, ButtonModule, MessageModule, TableModule],
  template: `
    <div class="page-header">
      <h1 id="entities-heading">{{ 'designer.entities' | transloco }}</h1>
      @if (canManage()) {
        <a pButton routerLink="/admin/low-code/entities/new">
          <i class="pi pi-plus" pButtonIcon aria-hidden="true"></i>
          <span pButtonLabel>{{ 'designer.newEntity' | transloco }}</span>
        </a>
      }
    </div>
    @if (failure(); as failed) {
      <p-message severity="error" [text]="failed" />
    }
    <section aria-labelledby="entities-heading">
      <p-table [value]="entities()" dataKey="id" [loading]="loading()">
        <ng-template #header>
          <tr>
            <th scope="col">{{ 'designer.entityLabel' | transloco }}</th>
            <th scope="col">{{ 'designer.entityName' | transloco }}</th>
            <th scope="col">{{ 'designer.part.fields' | transloco }}</th>
            <th scope="col">{{ 'designer.version' | transloco }}</th>
            <th scope="col"><span class="sr-only">{{ 'data.actions' | transloco }}</span></th>
          </tr>
        </ng-template>
        <ng-template #body let-entity>
          <tr>
            <td>
              <a [routerLink]="['/admin/low-code/entities', entity.name]">{{ entity.pluralLabel }}</a>
            </td>
            <td><code>{{ entity.name }}</code></td>
            <td>{{ fieldCount(entity) }}</td>
            <td>{{ entity.version }}</td>
            <td>
              <a [routerLink]="['/data', entity.name]">{{ 'designer.openRecords' | transloco }}</a>
            </td>
          </tr>
        </ng-template>
        <ng-template #emptymessage>
          <tr>
            <td colspan="5">{{ 'designer.noEntities' | transloco }}</td>
          </tr>
        </ng-template>
      </p-table>
    </section>
  `,
})
export class EntitiesPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly session = inject(Session);
  protected readonly canManage = computed(() => this.session.can('LowCode.Definitions.Manage'));
  protected readonly entities = signal<EntityDefinitionDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.entities.set(await this.api.invoke(listLowCodeEntities));
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.loading.set(false);
    }
  }

  protected fieldCount(entity: EntityDefinitionDto): number {
    return entity.fields.filter((f) => !f.deleted).length;
  }
}
