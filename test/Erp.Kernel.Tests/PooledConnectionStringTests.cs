using Erp.Kernel.Data;
using Npgsql;
using Shouldly;

namespace Erp.Kernel.Tests;

/// <summary>The connection options the host changes from Npgsql's defaults, and an operator's connection string overrides.</summary>
public sealed class PooledConnectionStringTests
{
    [Fact]
    public void AConnectionStringThatSaysNothing_GetsNoResetOnClose_AndPreparedStatements()
    {
        var pooled = new NpgsqlConnectionStringBuilder(ErpDbContextOptions.PooledConnectionString("Host=db;Database=erp;Username=erp"));

        pooled.NoResetOnClose.ShouldBeTrue();
        pooled.MaxAutoPrepare.ShouldBe(20);
        pooled.AutoPrepareMinUsages.ShouldBe(2);
        pooled.Host.ShouldBe("db");
    }

    [Theory]
    [InlineData("Max Auto Prepare=0;No Reset On Close=false;Auto Prepare Min Usages=5")]
    [InlineData("maxautoprepare=0;noresetonclose=false;autoprepareminusages=5")]
    public void WhatTheConnectionStringSays_IsKept(string options)
    {
        var pooled = new NpgsqlConnectionStringBuilder(ErpDbContextOptions.PooledConnectionString($"Host=db;Database=erp;{options}"));

        pooled.MaxAutoPrepare.ShouldBe(0);
        pooled.NoResetOnClose.ShouldBeFalse();
        pooled.AutoPrepareMinUsages.ShouldBe(5);
    }

    [Fact]
    public void ADataSource_NamesItsSessionsAfterItself_UnlessTheConnectionStringNamesThem()
    {
        using var named = ErpDbContextOptions.DataSource("Host=db;Database=erp;Username=erp", "erp-jobs");
        using var configured = ErpDbContextOptions.DataSource("Host=db;Database=erp;Username=erp;Application Name=reporting", "erp-jobs");

        new NpgsqlConnectionStringBuilder(named.ConnectionString).ApplicationName.ShouldBe("erp-jobs");
        new NpgsqlConnectionStringBuilder(named.ConnectionString).NoResetOnClose.ShouldBeTrue();
        new NpgsqlConnectionStringBuilder(configured.ConnectionString).ApplicationName.ShouldBe("reporting");
    }
}
