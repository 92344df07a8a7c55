#include "unsealer_fixture.h"

#include <gtest/gtest.h>

namespace keyrite::testing {

namespace fs = std::filesystem;
using test_support::Algo;
using test_support::Identity;

UnsealerFixture::UnsealerFixture() : gpg_(fs::path(dir_.path()) / "gnupg") {}

RunOptions UnsealerFixture::Env(std::string stdin_data) const {
  return {std::move(stdin_data),
          dir_.path(),
          {{"TMPDIR", dir_.path()}, {"HOME", dir_.path()}, {"GNUPGHOME", dir_ / "no-such-home"}}};
}

std::vector<Identity> UnsealerFixture::People(const std::vector<std::string>& names) {
  std::vector<Identity> out;
  for (const std::string& n : names) out.push_back(gpg_.MakeIdentity(n, Algo::kEd25519Cv25519, ""));
  return out;
}

Identity UnsealerFixture::Ring(const std::string& name, const std::vector<Identity>& who) {
  Identity ring = gpg_.MakeIdentity(name, Algo::kEd25519Cv25519, "");
  for (const Identity& id : who) {
    const auto exported = gpg_.Gpg(id, {"--armor", "--export-secret-keys", id.fingerprint});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    const fs::path file = ring.home / (id.name + ".sec.asc");
    WriteFileOrDie(file.string(), exported.out);
    const auto imported = gpg_.Gpg(ring, {"--import", file.string()});
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    fs::remove(file);
  }
  return ring;
}

void UnsealerFixture::AddRecipients(std::vector<std::string>& args, const std::string& flag,
                                    const std::vector<Identity>& who) {
  for (const Identity& id : who) args.insert(args.end(), {flag, id.asc_path.string()});
  for (const Identity& id : who) args.insert(args.end(), {"--expect-fingerprint", id.fingerprint});
}

RunResult UnsealerFixture::Init(const std::string& dir, int t, const std::vector<Identity>& who,
                                std::vector<std::string> extra) {
  std::vector<std::string> args = {"unsealer", "init", "--dir", dir, "-t", std::to_string(t)};
  AddRecipients(args, "--custodian", who);
  args.insert(args.end(), extra.begin(), extra.end());
  return Keyrite(args, Env());
}

RunResult UnsealerFixture::Sitting(std::vector<std::string> args, const Identity& ring) {
  args.insert(args.end(), {"--gnupghome", ring.home.string()});
  return Keyrite(args, Env());
}

RunResult UnsealerFixture::Public(const std::vector<std::string>& args) const {
  return RunKeyrite(args, Env());
}

std::string KeyTextField(const std::string& text, const std::string& field) {
  const std::string key = field + ": ";
  const std::size_t at = text.find("\n" + key);
  if (at == std::string::npos) return "";
  const std::size_t start = at + 1 + key.size();
  return text.substr(start, text.find('\n', start) - start);
}

}  // namespace keyrite::testing
