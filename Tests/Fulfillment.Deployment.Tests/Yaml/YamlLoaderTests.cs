using NUnit.Framework;

namespace Fulfillment.Deployment.Tests.Yaml;

/// <summary>The loader the other tests stand on: it must read what compose and kubectl read, or refuse loudly.</summary>
public sealed class YamlLoaderTests
{
    [Test]
    public void Reads_nested_mappings_sequences_of_mappings_and_compact_sequences()
    {
        var root = YamlLoader.Load("""
            ---
            spec:   # a comment
              containers:
                - name: api
                  ports:
                    - containerPort: 8080
                      name: http
              args:
              - one
              - "two: quoted"
              - 'it''s'
            """).AsMapping();

        var container = root["spec"]["containers"].AsSequence().Items.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(container["name"].Text, Is.EqualTo("api"));
            Assert.That(container["ports"].AsSequence().Items.Single()["containerPort"].Text, Is.EqualTo("8080"));
            Assert.That(container["ports"].AsSequence().Items.Single()["name"].Text, Is.EqualTo("http"));
            Assert.That(root["spec"]["args"].AsSequence().Items.Select(i => i.Text), Is.EqualTo(new[] { "one", "two: quoted", "it's" }));
        }
    }

    [Test]
    public void Reads_block_scalars_with_their_chomping()
    {
        var root = YamlLoader.Load("""
            literal: |
              set -eu
                indented
              done
            folded: >-
              raw.a raw.b
              dlq.a

              after blank
            next: value
            """).AsMapping();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root["literal"].Text, Is.EqualTo("set -eu\n  indented\ndone\n"));
            Assert.That(root["folded"].Text, Is.EqualTo("raw.a raw.b dlq.a\nafter blank"));
            Assert.That(root["next"].Text, Is.EqualTo("value"));
        }
    }

    [Test]
    public void Resolves_anchors_aliases_and_merge_keys_with_written_keys_winning()
    {
        var root = YamlLoader.Load("""
            x-common: &common
              A: "1"
              B: "2"
            service:
              environment:
                B: "3"
                <<: *common
              depends_on: *common
            """).AsMapping();

        var environment = root["service"]["environment"].AsMapping();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(environment.Keys, Is.EquivalentTo(new[] { "A", "B" }));
            Assert.That(environment["A"].Text, Is.EqualTo("1"));
            Assert.That(environment["B"].Text, Is.EqualTo("3"));
            Assert.That(root["service"]["depends_on"]["B"].Text, Is.EqualTo("2"));
        }
    }

    [Test]
    public void Reads_flow_sequences_values_with_colons_and_several_documents()
    {
        var documents = YamlLoader.LoadAll("""
            ---
            test: ["CMD", "curl", "http://127.0.0.1:8080/health/ready"]
            url: http://host:1 # trailing comment
            hash: "a # not a comment"
            empty: {}
            none: []
            ---
            kind: Service
            """);

        var first = documents[0].AsMapping();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(documents, Has.Count.EqualTo(2));
            Assert.That(first["test"].AsSequence().Items.Select(i => i.Text), Is.EqualTo(new[] { "CMD", "curl", "http://127.0.0.1:8080/health/ready" }));
            Assert.That(first["url"].Text, Is.EqualTo("http://host:1"));
            Assert.That(first["hash"].Text, Is.EqualTo("a # not a comment"));
            Assert.That(first["empty"].AsMapping().Keys, Is.Empty);
            Assert.That(first["none"].AsSequence().Items, Is.Empty);
            Assert.That(documents[1]["kind"].Text, Is.EqualTo("Service"));
        }
    }

    [TestCase("a: 1\na: 2\n", TestName = "Refuses a duplicate key")]
    [TestCase("a: *nowhere\n", TestName = "Refuses an unknown alias")]
    [TestCase("a:\n  b: 1\n   c: 2\n", TestName = "Refuses inconsistent indentation")]
    [TestCase("a: \"open\n", TestName = "Refuses an unterminated quote")]
    public void Refuses_what_it_cannot_read_faithfully(string text) =>
        Assert.That(() => YamlLoader.LoadAll(text), Throws.InstanceOf<FormatException>());

    [Test]
    public void Reads_tags_flow_collections_over_several_lines_and_nulls()
    {
        var root = YamlLoader.Load("""
            tagged: !!str 1
            flow: [1,
              2]
            map: {b: 1}
            nothing:
            tilde: ~
            quoted: "null"
            """).AsMapping();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root["tagged"].Text, Is.EqualTo("1"));
            Assert.That(root["flow"].AsSequence().Items.Select(i => i.Text), Is.EqualTo(new[] { "1", "2" }));
            Assert.That(root["map"]["b"].Text, Is.EqualTo("1"));
            Assert.That(root["nothing"].Text, Is.Null);
            Assert.That(root["tilde"].Text, Is.Null);
            Assert.That(root["quoted"].Text, Is.EqualTo("null"));
        }
    }
}
