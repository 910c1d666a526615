using Erp.Kernel.Domain;

namespace Erp.Sample.Domain.Currencies;

public sealed record CurrencyRenamed(Guid CurrencyId, string OldName, string NewName) : IDomainEvent;
