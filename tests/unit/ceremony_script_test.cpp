// The ceremony script format (lib/ceremony): parsing with file:line messages, the action
// registry, references, and every lint finding. Each test starts from one small valid script and
// changes one thing, so a test fails if that one check is lost.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ceremony/actions.h"
#include "ceremony/catalog.h"
#include "ceremony/lint.h"
#include "ceremony/references.h"
#include "ceremony/script_parse.h"

namespace keyrite::ceremony {
namespace {

// Line numbers matter: tests name them.
constexpr const char* kValid = R"(format = "keyrite-ceremony-v1"
name = "test-ceremony"
version = "1"
title = "A test"
purpose = "Exercise the parser"

[roles.administrator]
kind = "administrator"

[roles.auditor]
kind = "auditor"

[roles.custodians]
kind = "custodian"
count = "{custodian_count}"
bring_certificate = true

[parameters.threshold]
type = "int"
default = 3

[parameters.custodian_count]
type = "int"
default = 5

[parameters.certs]
type = "path-list"
default = ["a.asc", "b.asc", "c.asc", "d.asc", "e.asc"]

[preflight]
doctor = true
digest_confirmed_by = ["auditor"]

[[acts]]
id = "make"
title = "Make it"

  [[acts.steps]]
  id = "init"
  instruction = "Split {threshold}-of-{custodian_count}"
  action = "unsealer.init"
  confirm = ["administrator", "auditor"]

    [acts.steps.args]
    dir = "unsealer"
    threshold = "{threshold}"
    custodian = "{certs}"

  [[acts.steps]]
  id = "serials"
  instruction = "Type the serials"
  action = "record"
  confirm = ["auditor"]

    [[acts.steps.record]]
    name = "serials"
    prompt = "Envelope serial"
    kind = "serial"
    count = "{custodian_count}"

  [[acts.steps]]
  id = "after"
  instruction = "Serials were {serials}"
  action = "manual"
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

Script Parsed(const std::string& text) {
  Result<Script> s = ParseScript(text, "t.toml");
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(s).value() : Script{};
}

std::string ParseError(const std::string& text) {
  Result<Script> s = ParseScript(text, "t.toml");
  EXPECT_FALSE(s.ok());
  if (s.ok()) return "";
  EXPECT_EQ(s.status().message().find('\n'), std::string::npos);
  return s.status().message();
}

std::vector<Finding> Lint(const std::string& text) { return LintScript(Parsed(text)); }

// The one finding of `text`, which must contain `part`.
void ExpectOneFinding(const std::string& text, const std::string& part, const std::string& step,
                      int line) {
  const std::vector<Finding> f = Lint(text);
  ASSERT_EQ(f.size(), 1u) << (f.empty() ? "none" : FormatFinding(f[0]) + " ...");
  EXPECT_NE(f[0].message.find(part), std::string::npos) << FormatFinding(f[0]);
  EXPECT_EQ(f[0].step, step);
  EXPECT_EQ(f[0].line, line) << FormatFinding(f[0]);
  EXPECT_EQ(f[0].file, "t.toml");
}

TEST(CeremonyScriptParse, ReadsTheModel) {
  const Script s = Parsed(kValid);
  EXPECT_EQ(s.format, kFormatV1);
  EXPECT_EQ(s.name, "test-ceremony");
  ASSERT_EQ(s.roles.size(), 3u);
  EXPECT_EQ(s.roles[2].kind, RoleKind::kCustodian);
  EXPECT_TRUE(s.roles[2].bring_certificate);
  ASSERT_EQ(s.parameters.size(), 3u);
  EXPECT_EQ(s.parameters[0].default_value->number, 3);
  EXPECT_EQ(s.parameters[2].default_value->items.size(), 5u);
  ASSERT_EQ(s.acts.size(), 1u);
  ASSERT_EQ(s.acts[0].steps.size(), 3u);
  const Step& init = s.acts[0].steps[0];
  EXPECT_EQ(init.number, "1.1");
  EXPECT_EQ(init.line, 38);  // the line of its [[acts.steps]]
  EXPECT_EQ(init.args.size(), 3u);
  EXPECT_EQ(s.acts[0].steps[1].record[0].kind, FieldKind::kSerial);
  EXPECT_EQ(s.acts[0].steps[2].action, "manual");  // the default
  EXPECT_EQ(FindStep(s, "serials"), &s.acts[0].steps[1]);
  EXPECT_EQ(FindStep(s, "nope"), nullptr);
}

TEST(CeremonyScriptParse, TheValidScriptLintsClean) {
  const std::vector<Finding> f = Lint(kValid);
  EXPECT_TRUE(f.empty()) << FormatFinding(f.front());
}

TEST(CeremonyScriptParse, UnknownKeyNamesFileLineAndKey) {
  const std::string e = ParseError(Replace(kValid, "  action = \"record\"", "  actoin = \"record\""));
  EXPECT_EQ(e.rfind("t.toml:52: acts[1].steps[2].actoin: unknown key", 0), 0u) << e;
}

TEST(CeremonyScriptParse, UnknownTopLevelKey) {
  EXPECT_EQ(ParseError("colour = \"red\"\n" + std::string(kValid)).rfind("t.toml:1: colour: unknown key", 0),
            0u);
}

TEST(CeremonyScriptParse, WrongTypes) {
  EXPECT_NE(ParseError(Replace(kValid, "title = \"A test\"", "title = 7")).find("t.toml:4: title: must be a string"),
            std::string::npos);
  EXPECT_NE(ParseError(Replace(kValid, "doctor = true", "doctor = \"yes\"")).find("preflight.doctor: must be true or false"),
            std::string::npos);
  EXPECT_NE(ParseError(Replace(kValid, "confirm = [\"auditor\"]", "confirm = [1]")).find("must hold only strings"),
            std::string::npos);
  EXPECT_NE(ParseError(Replace(kValid, "type = \"int\"", "type = \"integer\"")).find("parameters.threshold.type: must be"),
            std::string::npos);
  EXPECT_NE(ParseError(Replace(kValid, "kind = \"serial\"", "kind = \"barcode\"")).find(".kind: must be text"),
            std::string::npos);
}

TEST(CeremonyScriptParse, MissingRequiredKey) {
  EXPECT_NE(ParseError(Replace(kValid, "purpose = \"Exercise the parser\"\n", "")).find("purpose: is missing"),
            std::string::npos);
  EXPECT_NE(ParseError(Replace(kValid, "  instruction = \"Type the serials\"\n", "")).find("t.toml:49: acts[1].steps[2].instruction: is missing"),
            std::string::npos);
}

TEST(CeremonyScriptParse, DuplicateStepIdNamesTheSecondLine) {
  const std::string e = ParseError(Replace(kValid, "id = \"serials\"", "id = \"init\""));
  EXPECT_NE(e.find("t.toml:49: step init: the id is used twice"), std::string::npos) << e;
}

TEST(CeremonyScriptParse, UnknownFormatIsUnsupported) {
  Result<Script> s = ParseScript(Replace(kValid, "keyrite-ceremony-v1", "keyrite-ceremony-v2"), "t.toml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().kind(), ErrorKind::kUnsupported);
  EXPECT_NE(s.status().message().find("t.toml:1: format: keyrite-ceremony-v2"), std::string::npos);
}

TEST(CeremonyScriptParse, BadIdsAndNames) {
  EXPECT_NE(ParseError(Replace(kValid, "id = \"after\"", "id = \"After Step\"")).find("is not an id"),
            std::string::npos);
  EXPECT_NE(ParseError(Replace(kValid, "name = \"serials\"", "name = \"serial-numbers\"")).find("is not a name"),
            std::string::npos);
  EXPECT_NE(ParseError(Replace(kValid, "[parameters.threshold]", "[parameters.Threshold]")).find("is not a name"),
            std::string::npos);
}

TEST(CeremonyScriptParse, BadTomlNamesTheLine) {
  const std::string e = ParseError(Replace(kValid, "version = \"1\"", "version = \"1"));
  EXPECT_EQ(e.rfind("t.toml:3: ", 0), 0u) << e;
}

TEST(CeremonyScriptParse, SizesAreBounded) {
  EXPECT_NE(ParseError(std::string(kValid) + "#" + std::string(kMaxScriptBytes, 'x')).find("larger than"),
            std::string::npos);
  std::string many = kValid;
  for (std::size_t i = 0; i < kMaxSteps; ++i) {
    many += "[[acts.steps]]\nid = \"s" + std::to_string(i) + "\"\ninstruction = \"x\"\n";
  }
  EXPECT_NE(ParseError(many).find("too many"), std::string::npos);
  std::string items = "[";
  for (std::size_t i = 0; i <= kMaxListItems; ++i) items += "\"auditor\",";
  EXPECT_NE(ParseError(Replace(kValid, "confirm = [\"auditor\"]", "confirm = " + items + "]")).find("too many items"),
            std::string::npos);
}

TEST(CeremonyReferences, FindsAndSubstitutes) {
  Result<std::vector<std::string>> refs = ReferencesIn("a {x} b {y_2} {{literal}}");
  ASSERT_TRUE(refs.ok());
  EXPECT_EQ(*refs, (std::vector<std::string>{"x", "y_2"}));
  EXPECT_FALSE(ReferencesIn("a {x").ok());
  EXPECT_FALSE(ReferencesIn("a } b").ok());
  EXPECT_FALSE(ReferencesIn("{Bad}").ok());
  EXPECT_EQ(WholeReference("{threshold}"), "threshold");
  EXPECT_EQ(WholeReference("{a}/b"), std::nullopt);
  Result<std::string> s = Substitute("{t}of{n} {{x}}", [](std::string_view name) {
    return name == "t" ? std::optional<std::string>("3") : std::optional<std::string>("5");
  });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "3of5 {x}");
  EXPECT_EQ(Substitute("{q}", [](std::string_view) { return std::optional<std::string>(); })
                .status().kind(), ErrorKind::kNotFound);
}

TEST(CeremonyActions, RegistryHasEveryRequiredActionOnce) {
  for (const char* name : {"doctor", "unsealer.init", "unsealer.status", "unsealer.check",
                           "unsealer.rekey", "unsealer.prove", "keystore.add", "keystore.allocate",
                           "keystore.export", "keystore.list", "snapshot.create", "snapshot.verify",
                           "snapshot.test", "snapshot.restore", "paper.print", "shards.verify",
                           "keygen", "split", "combine", "manual", "record", "confirm"}) {
    const ActionSpec* a = FindAction(name);
    ASSERT_NE(a, nullptr) << name;
    EXPECT_EQ(std::count_if(AllActions().begin(), AllActions().end(),
                            [&](const ActionSpec& x) { return x.name == a->name; }), 1);
  }
  EXPECT_EQ(FindAction("unsealer.unseal"), nullptr);
  // Flags that weaken a ceremony are not arguments.
  EXPECT_EQ(FindArg(*FindAction("keygen"), "show"), nullptr);
  EXPECT_EQ(FindArg(*FindAction("split"), "allow_online"), nullptr);
  EXPECT_TRUE(FindArg(*FindAction("unsealer.init"), "threshold")->required);
}

TEST(CeremonyLint, MissingPreflight) {
  std::string text = Replace(kValid, "[preflight]\ndoctor = true\ndigest_confirmed_by = [\"auditor\"]\n", "");
  ExpectOneFinding(text, "no [preflight]", "", 1);
  ExpectOneFinding(Replace(kValid, "doctor = true", "doctor = false"), "preflight.doctor", "", 30);
  ExpectOneFinding(Replace(kValid, "digest_confirmed_by = [\"auditor\"]", "digest_confirmed_by = []"),
                   "digest_confirmed_by is empty", "", 30);
  ExpectOneFinding(Replace(kValid, "digest_confirmed_by = [\"auditor\"]", "digest_confirmed_by = [\"notary\"]"),
                   "notary, which is not a role", "", 30);
}

TEST(CeremonyLint, UnknownAction) {
  ExpectOneFinding(Replace(kValid, "action = \"manual\"", "action = \"unsealer.unseal\""),
                   "unknown action unsealer.unseal", "after", 61);
}

TEST(CeremonyLint, UnknownMissingAndBadlyTypedArguments) {
  ExpectOneFinding(Replace(kValid, "    dir = \"unsealer\"", "    dir = \"unsealer\"\n    colour = 1"),
                   "unsealer.init has no argument colour", "init", 46);
  ExpectOneFinding(Replace(kValid, "    dir = \"unsealer\"\n", ""), "needs args.dir", "init", 38);
  ExpectOneFinding(Replace(kValid, "threshold = \"{threshold}\"", "threshold = \"three\""),
                   "args.threshold must be an integer", "init", 46);
  ExpectOneFinding(Replace(kValid, "custodian = \"{certs}\"", "custodian = \"{custodian_count}\""),
                   "is {custodian_count}, a int; it must be a path-list", "init", 47);
}

TEST(CeremonyLint, ChoicesAndFingerprints) {
  const std::string step = "  [[acts.steps]]\n  id = \"k\"\n  instruction = \"x\"\n  action = \"keygen\"\n"
                           "  confirm = [\"auditor\"]\n    [acts.steps.args]\n    kind = \"rsa\"\n    out = \"k\"\n";
  ExpectOneFinding(std::string(kValid) + step, "must be one of secp256k1", "k", 71);
  const std::string fpr = "  [[acts.steps]]\n  id = \"x\"\n  instruction = \"x\"\n  action = \"keystore.add\"\n"
                          "  confirm = [\"auditor\"]\n    [acts.steps.args]\n    names = [\"k\"]\n    dir = \"u\"\n"
                          "    expect_fingerprint = [\"ABCD\"]\n";
  ExpectOneFinding(std::string(kValid) + fpr, "not 40 or 64 hex digits", "x", 73);
}

TEST(CeremonyLint, UndefinedReferences) {
  ExpectOneFinding(Replace(kValid, "Split {threshold}", "Split {treshold}"),
                   "{treshold} is not a parameter", "init", 38);
  ExpectOneFinding(Replace(kValid, "dir = \"unsealer\"", "dir = \"{base}/unsealer\""),
                   "{base} is not a parameter", "init", 45);
  // A recorded field is visible only after the step that records it.
  ExpectOneFinding(Replace(kValid, "Split {threshold}", "Split {serials}"),
                   "{serials} is not a parameter or a field recorded by an earlier step", "init", 38);
}

TEST(CeremonyLint, UndefinedRolesAndConfirmers) {
  ExpectOneFinding(Replace(kValid, "confirm = [\"auditor\"]", "confirm = [\"notary\"]"),
                   "confirm names notary, which is not a role", "serials", 49);
  ExpectOneFinding(Replace(kValid, "  confirm = [\"administrator\", \"auditor\"]\n", ""),
                   "unsealer.init needs confirm", "init", 38);
  ExpectOneFinding(Replace(kValid, "[roles.administrator]\nkind = \"administrator\"", "[roles.administrator]\nkind = \"printer\""),
                   "no role of kind administrator", "", 1);
  ExpectOneFinding(Replace(Replace(kValid, "[roles.auditor]\nkind = \"auditor\"\n", "[roles.auditor]\nkind = \"printer\"\n"), "", ""),
                   "no role of kind auditor or witness", "", 1);
}

TEST(CeremonyLint, SkipNeedsAnApprover) {
  ExpectOneFinding(Replace(kValid, "action = \"manual\"", "action = \"manual\"\n  skippable = true"),
                   "skippable needs approve_skip", "after", 61);
  ExpectOneFinding(Replace(kValid, "action = \"manual\"", "action = \"manual\"\n  approve_skip = [\"auditor\"]"),
                   "not skippable", "after", 61);
}

TEST(CeremonyLint, RecordStepsNeedFields) {
  ExpectOneFinding(Replace(kValid, "action = \"manual\"", "action = \"record\""),
                   "a record step needs", "after", 61);
  ExpectOneFinding(Replace(kValid, "count = \"{custodian_count}\"\n\n", "count = 0\n\n"),
                   "record serials.count must be 1..255", "serials", 55);
}

TEST(CeremonyLint, ThresholdAgainstCustodians) {
  const std::vector<Finding> six = Lint(Replace(kValid, "default = 3", "default = 6"));
  ASSERT_EQ(six.size(), 2u);
  EXPECT_EQ(FormatFinding(six[0]), "t.toml:46: step init: threshold 6 is more than the 5 certificates given");
  EXPECT_EQ(FormatFinding(six[1]), "t.toml:46: step init: threshold 6 is more than the 5 custodians of this script");
  const std::vector<Finding> zero = Lint(Replace(kValid, "default = 3", "default = 0"));
  ASSERT_EQ(zero.size(), 1u);
  EXPECT_NE(zero[0].message.find("must be at least 1"), std::string::npos);
  // Four certificates for a 5-custodian script with threshold 5: both comparisons speak.
  const std::vector<Finding> f = Lint(Replace(Replace(kValid, "default = 3", "default = 5"),
                                              ", \"e.asc\"]", "]"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("threshold 5 is more than the 4 certificates"), std::string::npos);
  ExpectOneFinding(Replace(kValid, "default = 5", "default = 2"),
                   "threshold 3 is more than the 2 custodians of this script", "init", 46);
}

TEST(CeremonyLint, KeygenSplitIsCheckedWithDefaults) {
  const std::string step = "  [[acts.steps]]\n  id = \"k\"\n  instruction = \"x\"\n  action = \"keygen\"\n"
                           "  confirm = [\"auditor\"]\n    [acts.steps.args]\n    kind = \"ed25519\"\n"
                           "    out = \"k\"\n    split = \"SPLIT\"\n";
  EXPECT_TRUE(Lint(std::string(kValid) + Replace(step, "SPLIT", "{threshold}of{custodian_count}")).empty());
  ExpectOneFinding(std::string(kValid) + Replace(step, "SPLIT", "6of5"), "threshold 6 is more than the 5 shares", "k", 73);
  ExpectOneFinding(std::string(kValid) + Replace(step, "SPLIT", "3-5"), "must be TofN", "k", 73);
}

TEST(CeremonyLint, CustodianRoles) {
  ExpectOneFinding(Replace(kValid, "bring_certificate = true", "bring_certificate = false"),
                   "list members or set bring_certificate", "", 13);
  ExpectOneFinding(Replace(kValid, "count = \"{custodian_count}\"\nbring", "count = \"{certs}\"\nbring"),
                   "count must be 1..255", "", 13);
  const std::string members = "members = [{ name = \"Alice\", fingerprint = \"" + std::string(40, 'A') +
                              "\" }, { name = \"Bob\", fingerprint = \"12 34\" }]";
  const std::vector<Finding> f = Lint(Replace(kValid, "bring_certificate = true", members));
  // The members decide the custodian count: threshold 3 of 2 custodians is found too.
  ASSERT_EQ(f.size(), 3u);
  EXPECT_NE(f[0].message.find("lists 2 members but count is 5"), std::string::npos);
  EXPECT_NE(f[1].message.find("Bob's fingerprint"), std::string::npos);
  EXPECT_NE(f[2].message.find("threshold 3 is more than the 2 custodians"), std::string::npos);
  ExpectOneFinding(Replace(kValid, "[roles.auditor]\nkind = \"auditor\"", "[roles.auditor]\nkind = \"auditor\"\ncount = 2"),
                   "for custodians only", "", 10);
}

TEST(CeremonyLint, ParameterDefaultsMatchTheirType) {
  ExpectOneFinding(Replace(kValid, "default = 3", "default = \"3\""), "parameters.threshold.default must be an integer", "", 18);
}

TEST(CeremonyLint, EmptyActsAndDuplicateIds) {
  ExpectOneFinding(std::string(kValid) + "\n[[acts]]\nid = \"empty\"\ntitle = \"Nothing\"\n", "act empty has no steps", "", 66);
  ExpectOneFinding(std::string(kValid) + "\n[[acts]]\nid = \"make\"\ntitle = \"Again\"\n"
                   "[[acts.steps]]\nid = \"again\"\ninstruction = \"x\"\n", "act id make is used twice", "", 66);
  const std::vector<Finding> none = Lint(Replace(kValid, "[[acts]]", "[[unused]]").substr(0, 0) + R"(format = "keyrite-ceremony-v1"
name = "n"
version = "1"
title = "t"
purpose = "p"
)");
  EXPECT_TRUE(std::any_of(none.begin(), none.end(), [](const Finding& f) {
    return f.message.find("no [[acts]]") != std::string::npos;
  }));
  // A hand-built model can hold duplicate step ids the parser would refuse.
  Script s = Parsed(kValid);
  s.acts[0].steps[2].id = "init";
  const std::vector<Finding> dup = LintScript(s);
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(FormatFinding(dup[0]), "t.toml:61: step init: step id is used twice");
}

TEST(CeremonyLint, ReturnsEveryFindingNotJustTheFirst) {
  std::string text = Replace(kValid, "action = \"manual\"", "action = \"nope\"");
  text = Replace(text, "confirm = [\"auditor\"]", "confirm = [\"ghost\"]");
  text = Replace(text, "doctor = true", "doctor = false");
  EXPECT_EQ(Lint(text).size(), 3u);
}

TEST(CeremonyCatalog, ListsScriptsAndTheirProblems) {
  Result<std::vector<CatalogEntry>> r = ListScripts(std::string(KEYRITE_TEST_DATA) + "/../../ceremony-scripts");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_GE(r->size(), 7u);
  for (const CatalogEntry& e : *r) {
    EXPECT_TRUE(e.problem.empty()) << e.path << ": " << e.problem;
    EXPECT_GT(e.steps, 0u) << e.path;
  }
  EXPECT_EQ(ListScripts("/nonexistent-dir").status().kind(), ErrorKind::kNotFound);
}

TEST(CeremonyCatalog, EveryShippedScriptLintsClean) {
  Result<std::vector<CatalogEntry>> r = ListScripts(std::string(KEYRITE_TEST_DATA) + "/../../ceremony-scripts");
  ASSERT_TRUE(r.ok());
  for (const CatalogEntry& e : *r) {
    Result<Script> s = ReadScriptFile(e.path);
    ASSERT_TRUE(s.ok()) << s.status().message();
    for (const Finding& f : LintScript(*s)) ADD_FAILURE() << FormatFinding(f);
  }
}

}  // namespace
}  // namespace keyrite::ceremony
