using Erp.Kernel.Domain;
using Erp.Sample.Data;
using Erp.Sample.Domain.Currencies;

namespace Erp.Sample.Application;

/// <summary>Keeps a currency's name history; runs inside the rename's save, so both are written or neither.</summary>
internal sealed class RecordNameChange(SampleDbContext db, TimeProvider clock) : IDomainEventHandler<CurrencyRenamed>
{
    public Task HandleAsync(CurrencyRenamed domainEvent, CancellationToken cancellationToken)
    {
        db.CurrencyNameChanges.Add(new CurrencyNameChange(domainEvent.CurrencyId, domainEvent.OldName, domainEvent.NewName, clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}
