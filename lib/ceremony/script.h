#pragma once
// A ceremony script as a value: roles, typed parameters, a preflight, and acts of numbered steps
// (docs/ceremony-scripts.md). A runner executes it step by step and resumes by step id, so step
// ids are stable names, never positions. A script holds no secret: only names, fingerprints, paths,
// counts and the text shown to people. Every element keeps its source line for messages.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyrite::ceremony {

// The one format this code reads; any other `format` is Unsupported (script_parse.cpp).
inline constexpr std::string_view kFormatV1 = "keyrite-ceremony-v1";

// Bounds on what a script may hold, so a hostile file cannot exhaust memory or the screen.
inline constexpr std::size_t kMaxScriptBytes = 256 * 1024;
inline constexpr std::size_t kMaxActs = 32;
inline constexpr std::size_t kMaxSteps = 400;  // over all acts
inline constexpr std::size_t kMaxRoles = 32;
inline constexpr std::size_t kMaxParameters = 64;
inline constexpr std::size_t kMaxListItems = 64;  // any array: args, members, confirmers, records
inline constexpr std::size_t kMaxIdChars = 48;
inline constexpr std::size_t kMaxTextChars = 4000;  // instructions, purpose
inline constexpr std::size_t kMaxValueChars = 512;  // names, args, defaults

enum class RoleKind { kAdministrator, kAuditor, kWitness, kCustodian, kPrinter };
enum class ValueType { kInt, kString, kPath, kBool, kFingerprint, kPathList, kFingerprintList,
                       kStringList };

// A value as written in the script: an argument, a default. Strings may hold "{name}" references
// to parameters or to fields recorded by an earlier step (references.h), resolved by the runner.
struct Value {
  enum class Kind { kInt, kBool, kString, kList };
  Kind kind = Kind::kString;
  std::int64_t number = 0;
  bool flag = false;
  std::string text;
  std::vector<std::string> items;
};

// A custodian known in advance; otherwise custodians bring their own certificate file.
struct Member {
  std::string name;
  std::string fingerprint;  // 40 or 64 hex digits
};

struct Role {
  std::string id;  // the table key: "administrator", "custodians"
  RoleKind kind = RoleKind::kAdministrator;
  std::string title;
  Value count;  // custodians only: an int or "{parameter}"; unset kind kString with empty text
  bool bring_certificate = false;  // custodians hand in a certificate file at the ceremony
  std::vector<Member> members;
  int line = 0;
};

struct Parameter {
  std::string name;
  ValueType type = ValueType::kString;
  std::string description;
  std::optional<Value> default_value;  // none: the runner must be given it
  int line = 0;
};

// What the tool does before act 1: the machine check, and its own digest read aloud and
// confirmed by these roles' typed initials.
struct Preflight {
  bool present = false;
  bool doctor = false;
  std::vector<std::string> digest_confirmed_by;
  int line = 0;
};

enum class FieldKind { kText, kNumber, kSerial, kFingerprint, kDigest };

// One value people type in during a step ("envelope serials"); `count` entries of it.
struct RecordField {
  std::string name;  // becomes a reference for later steps: "{name}"
  std::string prompt;
  FieldKind kind = FieldKind::kText;
  Value count;  // int or "{parameter}"; default 1
  int line = 0;
};

struct Argument {
  std::string name;
  Value value;
  int line = 0;
};

struct Step {
  std::string id;        // stable: the transcript's step id and the resume point
  std::string number;    // "2.3": act 2, step 3 (derived, for people)
  std::string instruction;
  std::string action = "manual";  // a name from actions.h
  std::vector<Argument> args;
  std::vector<std::string> confirm;  // role ids that type their initials
  std::vector<RecordField> record;
  bool skippable = false;            // may be skipped with the approval of `approve_skip`
  std::vector<std::string> approve_skip;
  int line = 0;
};

struct Act {
  std::string id;
  std::string title;
  std::vector<Step> steps;
  int line = 0;
};

struct Script {
  std::string file;  // where it was read from, for messages
  std::string format;
  std::string name;
  std::string version;  // the script's own revision
  std::string title;
  std::string purpose;
  std::vector<Role> roles;
  std::vector<Parameter> parameters;
  Preflight preflight;
  std::vector<Act> acts;
};

std::string_view RoleKindName(RoleKind kind);
std::optional<RoleKind> ParseRoleKind(std::string_view name);
std::string_view ValueTypeName(ValueType type);
std::optional<ValueType> ParseValueType(std::string_view name);
std::string_view FieldKindName(FieldKind kind);
std::optional<FieldKind> ParseFieldKind(std::string_view name);

const Role* FindRole(const Script& script, std::string_view id);
const Parameter* FindParameter(const Script& script, std::string_view name);
// Every step in order, for runners and counts.
std::vector<const Step*> AllSteps(const Script& script);
// The step with this id, or null: where a runner resumes.
const Step* FindStep(const Script& script, std::string_view id);

}  // namespace keyrite::ceremony
