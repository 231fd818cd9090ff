using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Projections;
using Marten;
using Npgsql;

namespace Acgs.Api.Tests.Reads;

// Verifier level 4b (DESIGN §4.7): every document kept per stream equals a fresh replay of its
// stream. Each test puts back what it changes: the collection shares one ledger.
[Collection(ReadsHostCollection.Name)]
public sealed class read_models_equal_a_fresh_replay(ReadsHostFixture fixture)
{
    private static readonly IReadOnlyList<StreamDocument> Documents = [.. DecisionStates.Documents, .. ReadModelsConfiguration.Documents];

    private NpgsqlDataSource DataSource => fixture.Host.Rows.DataSource;

    [Fact]
    public async Task after_the_governance_history_the_verifier_finds_nothing()
    {
        var report = await VerifyAsync();

        report.Findings.ShouldBeEmpty(string.Join("\n", report.Findings));
        report.Clean.ShouldBeTrue();
    }

    [Fact]
    public async Task a_read_model_row_changed_in_the_database_is_found_at_its_document()
    {
        await using (await ChangedAsync("mt_doc_amendmentview", fixture.Ratified, """jsonb_set(data, '{title}', '"Amendment 0"')"""))
        {
            var report = await VerifyAsync();

            var finding = report.Findings.ShouldHaveSingleItem();
            finding.Kind.ShouldBe(FindingKind.ProjectionDrift);
            finding.StreamId.ShouldBe(fixture.Ratified);
            finding.Version.ShouldBe(5);
            finding.Detail.ShouldContain("AmendmentView");
            finding.Detail.ShouldEndWith("in: title");
        }
        (await VerifyAsync()).Clean.ShouldBeTrue();
    }

    [Fact]
    public async Task a_decision_snapshot_changed_in_the_database_is_found_at_its_document()
    {
        var member = fixture.Council[0].ActorId;
        await using (await ChangedAsync("mt_doc_actorstate", member, """jsonb_set(data, '{roles}', '["council","admin"]')"""))
        {
            var report = await VerifyAsync();

            var finding = report.Findings.ShouldHaveSingleItem();
            (finding.Kind, finding.StreamId).ShouldBe((FindingKind.ProjectionDrift, member));
            finding.Detail.ShouldContain("ActorState");
            finding.Detail.ShouldEndWith("in: roles");
        }
    }

    [Fact]
    public async Task a_deleted_read_model_and_one_left_without_a_stream_are_found()
    {
        var orphan = Guid.CreateVersion7();
        await using (await ChangedAsync("mt_doc_policyview", fixture.RevokedPolicy, "null"))
        await using (await InsertedAsync("mt_doc_actorview", orphan, fixture.SuspendedAuditorId))
        {
            var report = await VerifyAsync();

            report.Findings.Select(finding => (finding.Kind, finding.StreamId))
                .ShouldBe([(FindingKind.ProjectionDrift, fixture.RevokedPolicy), (FindingKind.ProjectionDrift, orphan)], ignoreOrder: true);
            report.Findings.Single(finding => finding.StreamId == fixture.RevokedPolicy).Detail.ShouldContain("is missing");
            report.Findings.Single(finding => finding.StreamId == orphan).Detail.ShouldContain("no event it follows");
        }
    }

    [Fact]
    public async Task a_projection_rebuild_reproduces_every_read_model_exactly()
    {
        var before = await StoredAsync();
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();

        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            foreach (var document in Documents)
            {
                await daemon.RebuildProjectionAsync(document.DocumentType.Name, CancellationToken.None);
            }
        }

        var after = await StoredAsync();
        after.Keys.ShouldBe(before.Keys, ignoreOrder: true);
        foreach (var (key, data) in before)
        {
            after[key].ShouldBe(data, key);
        }
        before.Keys.Select(key => key.Split('/')[0]).Distinct().Count().ShouldBe(Documents.Count);
        (await VerifyAsync()).Clean.ShouldBeTrue();
    }

    private Task<VerificationReport> VerifyAsync() =>
        new LedgerVerifier(DataSource).VerifyAsync(new VerificationOptions
        {
            ExpectedLedgerId = fixture.Host.Ledger.LedgerId,
            ReadModels = ReadModelsConfiguration.Documents,
        });

    // Every stored document, canonical, by table and id.
    private async Task<Dictionary<string, string>> StoredAsync()
    {
        var stored = new Dictionary<string, string>();
        foreach (var document in Documents)
        {
            await using var command = DataSource.CreateCommand($"select id, data::text from acgs.{document.Table}");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                using var data = JsonDocument.Parse(reader.GetString(1));
                stored[$"{document.Table}/{reader.GetGuid(0)}"] = CanonicalJson.CanonicalizeToString(data.RootElement);
            }
        }
        return stored;
    }

    // `change` is the new data as SQL over the old (`null` deletes the row); disposing puts the row back.
    private async Task<IAsyncDisposable> ChangedAsync(string table, Guid id, string change)
    {
        var original = await ScalarAsync($"select data::text from acgs.{table} where id = $1", id) as string
            ?? throw new InvalidOperationException($"no {table} row {id}");
        var row = await ScalarAsync($"select row_to_json(t)::text from acgs.{table} t where id = $1", id) as string;
        await ExecuteAsync(change == "null"
            ? $"delete from acgs.{table} where id = $1"
            : $"update acgs.{table} set data = {change} where id = $1", id);
        return new Restore(async () =>
        {
            await ExecuteAsync($"delete from acgs.{table} where id = $1", id);
            await ExecuteAsync($"insert into acgs.{table} select * from json_populate_record(null::acgs.{table}, $1::json)", row!);
            (await ScalarAsync($"select data::text from acgs.{table} where id = $1", id)).ShouldBe(original);
        });
    }

    // A copy of another stream's document under an id no stream has.
    private async Task<IAsyncDisposable> InsertedAsync(string table, Guid id, Guid copyOf)
    {
        await ExecuteAsync($"insert into acgs.{table} (id, data, mt_last_modified, mt_version, mt_dotnet_type) select $1, data, mt_last_modified, mt_version, mt_dotnet_type from acgs.{table} where id = $2", id, copyOf);
        return new Restore(() => ExecuteAsync($"delete from acgs.{table} where id = $1", id));
    }

    private async Task<object?> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
