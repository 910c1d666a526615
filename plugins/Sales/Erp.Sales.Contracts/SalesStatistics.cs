namespace Erp.Sales;

/// <summary>
/// Orders confirmed on each of the last days up to today (UTC; quiet days as zeros), and their net revenue per currency;
/// cancelled orders left out. Read from the read replica, so a moment behind the orders themselves.
/// </summary>
public sealed record SalesStatisticsDto(IReadOnlyList<SalesDayDto> Days);

/// <param name="Revenue">Net totals per currency, by currency code; none on a day without orders.</param>
public sealed record SalesDayDto(DateOnly Day, int Orders, IReadOnlyList<CurrencyTotalDto> Revenue);

public sealed record CurrencyTotalDto(string Currency, decimal NetTotal);
