using Acgs.Api.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Acgs.Api.Tests.Foundation;

// No Docker engine runs where the tests do, so the compose file is checked as data: the services,
// their published ports, health checks and start order, and that Prometheus scrapes the API.
public sealed class compose_file_declares_the_whole_stack
{
    private static readonly YamlMappingNode Compose = Load("docker-compose.yml");
    private static readonly YamlMappingNode Services = (YamlMappingNode)Compose["services"];

    [Theory]
    [InlineData("postgres", "postgres:16", "127.0.0.1:5435:5432")]
    [InlineData("redis", "redis:7", "127.0.0.1:6382:6379")]
    [InlineData("api", null, "127.0.0.1:8011:8011")]
    [InlineData("prometheus", "prom/prometheus:v2.55.1", "127.0.0.1:9090:9090")]
    [InlineData("grafana", "grafana/grafana:11.3.0", "127.0.0.1:3002:3000")]
    public void service_has_its_image_port_and_healthcheck(string name, string? image, string port)
    {
        var service = (YamlMappingNode)Services[name];

        if (image is null)
        {
            service.Children.ShouldContainKey(new YamlScalarNode("build"));
        }
        else
        {
            Scalar(service["image"]).ShouldBe(image);
        }
        ((YamlSequenceNode)service["ports"]).Children.Select(Scalar).ShouldContain(port);
        var healthcheck = (YamlMappingNode)service["healthcheck"];
        healthcheck.Children.ShouldContainKey(new YamlScalarNode("test"));
    }

    [Theory]
    [InlineData("api", "postgres")]
    [InlineData("api", "redis")]
    [InlineData("prometheus", "api")]
    [InlineData("grafana", "prometheus")]
    public void service_waits_for_its_dependency_to_be_healthy(string name, string dependency)
    {
        var dependsOn = (YamlMappingNode)((YamlMappingNode)Services[name])["depends_on"];

        Scalar(((YamlMappingNode)dependsOn[dependency])["condition"]).ShouldBe("service_healthy");
    }

    [Fact]
    public void prometheus_scrapes_the_api_metrics_endpoint()
    {
        var prometheus = Load("deploy/prometheus/prometheus.yml");
        var job = ((YamlSequenceNode)prometheus["scrape_configs"]).Children.Cast<YamlMappingNode>()
            .Single(config => Scalar(config["job_name"]) == "acgs-api");

        Scalar(job["metrics_path"]).ShouldBe("/metrics");
        var targets = ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)job["static_configs"]).Children[0])["targets"]).Children.Select(Scalar);
        targets.ShouldContain("api:8011");
    }

    [Fact]
    public void grafana_is_provisioned_with_the_prometheus_data_source()
    {
        var datasources = Load("deploy/grafana/provisioning/datasources/prometheus.yml");
        var source = ((YamlSequenceNode)datasources["datasources"]).Children.Cast<YamlMappingNode>().Single();

        Scalar(source["type"]).ShouldBe("prometheus");
        Scalar(source["url"]).ShouldBe("http://prometheus:9090");
    }

    [Fact]
    public void the_api_image_is_built_from_the_committed_lock_files()
    {
        var dockerfile = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "Dockerfile"));

        dockerfile.ShouldContain("--locked-mode");
        dockerfile.ShouldContain("EXPOSE 8011");
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static YamlMappingNode Load(string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(TestEnvironment.RepositoryRoot, relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
