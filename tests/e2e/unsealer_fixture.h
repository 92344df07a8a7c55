#pragma once
// Shared set-up for the unsealer and keystore end-to-end tests: throwaway custodians made with
// the real gpg, keyrings holding some of their secret keys (as a ceremony laptop would), and
// helpers that run keyrite against one unsealer directory. Everything lives in one temporary
// directory, GNUPGHOMEs included.

#include <filesystem>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "e2e_util.h"
#include "support/gpg_fixture.h"

namespace keyrite::testing {

class UnsealerFixture {
 public:
  UnsealerFixture();

  const TempDir& dir() const { return dir_; }
  test_support::GpgFixture& gpg() { return gpg_; }
  RunOptions Env(std::string stdin_data = "") const;

  // Custodians by name ("alice" …), made once each.
  std::vector<test_support::Identity> People(const std::vector<std::string>& names);
  // A keyring holding the secret keys of `who`.
  test_support::Identity Ring(const std::string& name,
                              const std::vector<test_support::Identity>& who);

  // unsealer init --dir DIR -t T with `who` as custodians (expected fingerprints given).
  RunResult Init(const std::string& dir, int t, const std::vector<test_support::Identity>& who,
                 std::vector<std::string> extra = {});
  // A command that needs a quorum, run with `ring` as the keyring.
  RunResult Sitting(std::vector<std::string> args, const test_support::Identity& ring);
  // A command that needs no secret (no --allow-online).
  RunResult Public(const std::vector<std::string>& args) const;
  // Adds --to/--deliver-to and --expect-fingerprint for `who`.
  static void AddRecipients(std::vector<std::string>& args, const std::string& flag,
                            const std::vector<test_support::Identity>& who);

 private:
  TempDir dir_;
  test_support::GpgFixture gpg_;
};

// The value of "field: " in a key text block (keys/key_text.h), or "".
std::string KeyTextField(const std::string& text, const std::string& field);

}  // namespace keyrite::testing
