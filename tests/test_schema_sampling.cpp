// The JSON Schemas of data/schema/ for the work sampling summary, the pooled work sampling study and
// the pooled time study, against what `gemba-cli summary --json` and `summary --pool --json` really
// write: checked by RapidJSON's draft-04 validator (as tests/test_schema.cpp checks the others) and
// again by Python's jsonschema (Draft4Validator), a second validator written apart from it. Also
// that the schemas can fail: bad documents are rejected.
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/file/session_file.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "tests/cli_run.hpp"
#include "tests/sampling_support.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
using namespace gemba;
using gemba::test::gemba_cli;
using gemba::test::read_all;
using gemba::test::shell_quote;
using gemba::test::TempFolder;
using gemba::test::write_all;

namespace {

const fs::path kSource = GEMBA_SOURCE_DIR;

rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
}

std::unique_ptr<rapidjson::SchemaDocument> load_schema(const std::string& name) {
    const rapidjson::Document doc = parse_json(read_all(kSource / "data" / "schema" / name));
    REQUIRE(doc.HasMember("$schema"));
    CHECK(std::string(doc["$schema"].GetString()) == "http://json-schema.org/draft-04/schema#");
    return std::make_unique<rapidjson::SchemaDocument>(doc);
}

// Empty when the document is valid; otherwise where and why it is not.
std::string violation(const rapidjson::SchemaDocument& schema, const rapidjson::Value& doc) {
    rapidjson::SchemaValidator validator(schema);
    if (doc.Accept(validator)) return {};
    rapidjson::StringBuffer schema_at, doc_at;
    validator.GetInvalidSchemaPointer().StringifyUriFragment(schema_at);
    validator.GetInvalidDocumentPointer().StringifyUriFragment(doc_at);
    return std::string("document ") + doc_at.GetString() + " fails '" + validator.GetInvalidSchemaKeyword() +
           "' of schema " + schema_at.GetString();
}

// Python's jsonschema on the document: 0 when valid (it prints why not).
int python_violations(const std::string& schema, const std::string& json) {
    const TempFolder dir;
    write_all(dir / "doc.json", json);
    write_all(dir / "check.py", R"(import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft4Validator.check_schema(schema)
errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
for e in errors: print(list(e.absolute_path), e.message)
sys.exit(1 if errors else 0)
)");
    const std::string command = "/usr/bin/python3 " + shell_quote((dir / "check.py").string()) + " " +
                                shell_quote((kSource / "data" / "schema" / schema).string()) + " " +
                                shell_quote((dir / "doc.json").string());
    return std::system(command.c_str());
}

// Checks `json` by both validators.
void check_valid(const std::string& schema_name, const std::string& json) {
    const std::unique_ptr<rapidjson::SchemaDocument> schema = load_schema(schema_name);
    CHECK(violation(*schema, parse_json(json)) == "");
    CHECK(python_violations(schema_name, json) == 0);
}

std::string run_json(const std::vector<std::string>& args) {
    const gemba::test::CliRun r = gemba_cli(args);
    REQUIRE_MESSAGE(r.code == 0, r.err);
    return r.out;
}

// The press shop with operators 1-3 (tests/sampling_support.hpp), from 08:05 when `shifted`, with
// the category `extra` when given, a target on Work and units for a standard time.
Session plan(std::string observer, bool shifted = false, std::string extra = {}) {
    Session s = gemba::test::press_shop_study(std::move(observer), 3, shifted);
    if (!extra.empty()) s.sampling.categories.push_back({4, extra, ValueClass::non_value_added, std::nullopt, "", false});
    s.sampling.target = SamplingTarget{1, SamplingAccuracy::relative, 10.0};
    s.sampling.units_produced = 400.0;
    return s;
}

// Observations of operators 1-3 in rounds 1, 2 ... in the categories given.
std::string saved(const fs::path& path, Session s, const std::vector<CategoryId>& categories) {
    gemba::test::observe_in_rounds(s, categories, 3);
    write_all(path, session_to_json(s));
    return path.string();
}

}  // namespace

TEST_CASE("the sampling summary schema: every sampling example and a study with a standard time") {
    const TempFolder dir;
    const std::string study = saved(dir / "a.json", plan("Ann"), {1, 1, 2, 1, 3, 1, 2, 1, 1});
    const std::string json = run_json({"summary", "--json", (kSource / "data" / "examples" / "hospital-ward-sampling.json").string(),
                                       (kSource / "data" / "templates" / "machine-shop-sampling.json").string(), study});
    rapidjson::Document doc = parse_json(json);
    REQUIRE(doc["studies"].Size() == 3);
    CHECK(doc["studies"][2]["standard_time_ms"].IsNumber());
    check_valid("sampling-summary.schema.json", json);

    // The schema can fail: a share above 1, an unknown accuracy, a missing member.
    const std::unique_ptr<rapidjson::SchemaDocument> schema = load_schema("sampling-summary.schema.json");
    rapidjson::Document bad;
    bad.CopyFrom(doc, bad.GetAllocator());
    rapidjson::Pointer("/studies/0/categories/0/share").Set(bad, 1.5);
    CHECK(violation(*schema, bad) != "");
    bad.CopyFrom(doc, bad.GetAllocator());
    rapidjson::Pointer("/studies/2/target/accuracy").Set(bad, "roughly");
    CHECK(violation(*schema, bad) != "");
    bad.CopyFrom(doc, bad.GetAllocator());
    bad["studies"][0].RemoveMember("rounds");
    CHECK(violation(*schema, bad) != "");
}

TEST_CASE("the sampling pool schema: κ computed, rounds that differ, a left-out category, nothing tested") {
    const TempFolder dir;
    const std::string a = saved(dir / "a.json", plan("Ann"), {1, 1, 2, 1, 3, 1, 2, 1, 1});
    const std::string b = saved(dir / "b.json", plan("Ben", false, "Rework"), {1, 2, 2, 1, 3, 4, 2, 1, 1, 2});
    const std::string c = saved(dir / "c.json", plan("Cy", true), {1});
    const std::string empty = saved(dir / "d.json", plan("Dee"), {});
    const std::string two = run_json({"summary", "--pool", "--json", a, b});
    CHECK(parse_json(two)["kappa"]["computed"].GetBool());
    check_valid("sampling-pool.schema.json", two);
    const std::string shifted = run_json({"summary", "--pool", "--json", a, b, c, "--kappa-pair", "1,3"});
    CHECK_FALSE(parse_json(shifted)["kappa"]["computed"].GetBool());
    check_valid("sampling-pool.schema.json", shifted);
    const std::string untested = run_json({"summary", "--pool", "--json", a, empty});
    CHECK(std::string(parse_json(untested)["independence"]["verdict"].GetString()) == "not_tested");
    check_valid("sampling-pool.schema.json", untested);

    const std::unique_ptr<rapidjson::SchemaDocument> schema = load_schema("sampling-pool.schema.json");
    const rapidjson::Document doc = parse_json(two);
    rapidjson::Document bad;
    bad.CopyFrom(doc, bad.GetAllocator());
    rapidjson::Pointer("/independence/verdict").Set(bad, "maybe");
    CHECK(violation(*schema, bad) != "");
    bad.CopyFrom(doc, bad.GetAllocator());
    rapidjson::Pointer("/kappa/pairs").Set(bad, -1);
    CHECK(violation(*schema, bad) != "");
    bad.CopyFrom(doc, bad.GetAllocator());
    bad.RemoveMember("left_out");
    CHECK(violation(*schema, bad) != "");
}

TEST_CASE("the time-study pool schema: two and three sessions, with and without κ") {
    const std::string line = (kSource / "data" / "examples" / "assembly-line.json").string();
    const std::string after = (kSource / "data" / "examples" / "assembly-line-after.json").string();
    const std::string invoice = (kSource / "data" / "examples" / "invoice-approval.json").string();
    const std::string two = run_json({"summary", "--pool", "--json", line, after});
    check_valid("pool.schema.json", two);
    check_valid("pool.schema.json", run_json({"summary", "--pool", "--json", line, after, invoice}));
    check_valid("pool.schema.json", run_json({"summary", "--pool", "--json", line, after, invoice, "--kappa-pair", "1,3"}));

    const std::unique_ptr<rapidjson::SchemaDocument> schema = load_schema("pool.schema.json");
    const rapidjson::Document doc = parse_json(two);
    rapidjson::Document bad;
    bad.CopyFrom(doc, bad.GetAllocator());
    rapidjson::Pointer("/steps/0/verdict").Set(bad, "faster");
    CHECK(violation(*schema, bad) != "");
    bad.CopyFrom(doc, bad.GetAllocator());
    rapidjson::Pointer("/waste_tally/wastes/0/waste").Set(bad, "laziness");
    CHECK(violation(*schema, bad) != "");
}
