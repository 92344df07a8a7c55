#include "ceremony/script.h"

#include <array>
#include <utility>

namespace keyrite::ceremony {
namespace {

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "?";
}

template <typename E, std::size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<RoleKind, std::string_view>, 5> kRoleKinds = {{
    {RoleKind::kAdministrator, "administrator"},
    {RoleKind::kAuditor, "auditor"},
    {RoleKind::kWitness, "witness"},
    {RoleKind::kCustodian, "custodian"},
    {RoleKind::kPrinter, "printer"},
}};

constexpr std::array<std::pair<ValueType, std::string_view>, 8> kValueTypes = {{
    {ValueType::kInt, "int"},
    {ValueType::kString, "string"},
    {ValueType::kPath, "path"},
    {ValueType::kBool, "bool"},
    {ValueType::kFingerprint, "fingerprint"},
    {ValueType::kPathList, "path-list"},
    {ValueType::kFingerprintList, "fingerprint-list"},
    {ValueType::kStringList, "string-list"},
}};

constexpr std::array<std::pair<FieldKind, std::string_view>, 5> kFieldKinds = {{
    {FieldKind::kText, "text"},
    {FieldKind::kNumber, "number"},
    {FieldKind::kSerial, "serial"},
    {FieldKind::kFingerprint, "fingerprint"},
    {FieldKind::kDigest, "digest"},
}};

}  // namespace

std::string_view RoleKindName(RoleKind kind) { return NameOf(kRoleKinds, kind); }
std::optional<RoleKind> ParseRoleKind(std::string_view name) { return ValueOf(kRoleKinds, name); }
std::string_view ValueTypeName(ValueType type) { return NameOf(kValueTypes, type); }
std::optional<ValueType> ParseValueType(std::string_view name) {
  return ValueOf(kValueTypes, name);
}
std::string_view FieldKindName(FieldKind kind) { return NameOf(kFieldKinds, kind); }
std::optional<FieldKind> ParseFieldKind(std::string_view name) {
  return ValueOf(kFieldKinds, name);
}

const Role* FindRole(const Script& script, std::string_view id) {
  for (const Role& r : script.roles) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const Parameter* FindParameter(const Script& script, std::string_view name) {
  for (const Parameter& p : script.parameters) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<const Step*> AllSteps(const Script& script) {
  std::vector<const Step*> steps;
  for (const Act& act : script.acts) {
    for (const Step& step : act.steps) steps.push_back(&step);
  }
  return steps;
}

const Step* FindStep(const Script& script, std::string_view id) {
  for (const Step* step : AllSteps(script)) {
    if (step->id == id) return step;
  }
  return nullptr;
}

}  // namespace keyrite::ceremony
