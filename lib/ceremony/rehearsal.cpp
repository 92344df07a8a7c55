#include "ceremony/rehearsal.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "ceremony/references.h"
#include "io/files.h"
#include "pgp/throwaway_identity.h"

namespace keyrite::ceremony {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCertificateArgs[] = {"custodian", "to", "deliver_to"};

// The identity's name from its certificate's file name: "certs/custodian-2.asc" -> custodian-2.
std::string NameFor(const std::string& path) {
  std::string name;
  for (char c : fs::path(path).stem().string()) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    name.push_back(plain ? c : '-');
  }
  return name.substr(0, 32);
}

Status WriteIfAbsent(const std::string& path, const std::string& text) {
  if (fs::exists(path)) return OkStatus();
  const fs::path parent = fs::path(path).parent_path();
  std::error_code error;
  if (!parent.empty()) fs::create_directories(parent, error);
  if (error) return IoError(parent.string() + ": cannot create it: " + error.message());
  return io::WriteNewFile(path, text, io::FileMode::kPublic);
}

// The parameter `step`'s argument `arg` names as a whole ("{custodian_certs}"), or null.
const Parameter* WholeParameter(const Script& script, const Step& step, std::string_view arg) {
  for (const Argument& a : step.args) {
    if (a.name != arg) continue;
    const std::string* text = a.value.kind == Value::Kind::kString ? &a.value.text
                              : a.value.items.size() == 1          ? &a.value.items[0]
                                                                   : nullptr;
    if (text == nullptr) return nullptr;
    const std::optional<std::string> ref = WholeReference(*text);
    return ref ? FindParameter(script, *ref) : nullptr;
  }
  return nullptr;
}

}  // namespace

Result<Cast> PrepareCast(const Script& script, Values& values, const std::string& keyring) {
  Cast cast{keyring, {}, {}};
  std::error_code error;
  if (!fs::is_directory(keyring)) {
    fs::create_directories(keyring, error);
    if (error)
      return IoError(keyring + ": cannot create the rehearsal keyring: " + error.message());
  }
  ::chmod(keyring.c_str(), 0700);
  for (const Step* step : AllSteps(script)) {
    std::vector<std::string> step_fingerprints;
    for (std::string_view arg : kCertificateArgs) {
      KR_ASSIGN_OR_RETURN(RunValue certs, ArgumentValue(*step, arg, values));
      for (const std::string& path : certs.items) {
        KR_ASSIGN_OR_RETURN(pgp::ThrowawayIdentity id,
                            pgp::MakeThrowawayIdentity(keyring, NameFor(path)));
        KR_RETURN_IF_ERROR(WriteIfAbsent(path, id.certificate));
        step_fingerprints.push_back(id.fingerprint);
        if (std::find(cast.fingerprints.begin(), cast.fingerprints.end(), id.fingerprint) ==
            cast.fingerprints.end()) {
          cast.fingerprints.push_back(id.fingerprint);
        }
        if (arg == "custodian" && std::find(cast.custodians.begin(), cast.custodians.end(),
                                            id.fingerprint) == cast.custodians.end()) {
          cast.custodians.push_back(id.fingerprint);
        }
      }
    }
    if (step_fingerprints.empty()) continue;
    if (const Parameter* p = WholeParameter(script, *step, "expect_fingerprint")) {
      values[p->name] = RunValue{step_fingerprints, p->type == ValueType::kFingerprintList};
    }
    if (WholeParameter(script, *step, "expect_fingerprints") != nullptr) {
      std::string lines;
      for (const std::string& f : step_fingerprints) lines += f + "\n";
      KR_ASSIGN_OR_RETURN(RunValue file, ArgumentValue(*step, "expect_fingerprints", values));
      for (const std::string& path : file.items) KR_RETURN_IF_ERROR(WriteIfAbsent(path, lines));
    }
  }
  return cast;
}

}  // namespace keyrite::ceremony
