#pragma once
// Shared set-up for the unsealer and keystore end-to-end tests: throwaway custodians made with
// the real gpg, keyrings holding some of their secret keys (as a ceremony laptop would), and
// helpers that run keyrite against one unsealer directory. Everything lives in one temporary
// directory, GNUPGHOMEs included.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
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

inline nlohmann::json Json(const RunResult& r) { return nlohmann::json::parse(r.out); }

using test_support::Identity;

// Custodians and keyrings are made once for the suite (gpg key generation is the slow part);
// each test has its own unsealer directory.
class UnsealerSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new UnsealerFixture();
    custodians_ = world_->People({"alice", "bob", "carol", "dave", "erin"});
    quorum_ = world_->Ring("quorum", {custodians_[0], custodians_[2], custodians_[4]});
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }

  void SetUp() override {
    u_ = "u" + std::to_string(++counter_);
    const RunResult init = Init(u_, 3, custodians_);
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }

  const TempDir& dir() const { return world_->dir(); }
  test_support::GpgFixture& gpg() { return world_->gpg(); }
  std::vector<Identity> People(const std::vector<std::string>& names) {
    return world_->People(names);
  }
  Identity Ring(const std::string& name, const std::vector<Identity>& who) {
    return world_->Ring(name, who);
  }
  RunResult Init(const std::string& d, int t, const std::vector<Identity>& who,
                 std::vector<std::string> extra = {}) {
    return world_->Init(d, t, who, std::move(extra));
  }
  RunResult Sitting(std::vector<std::string> args, const Identity& ring) {
    for (std::string& a : args) {
      if (a == "u") a = u_;
    }
    return world_->Sitting(std::move(args), ring);
  }
  RunResult Public(std::vector<std::string> args) {
    for (std::string& a : args) {
      if (a == "u") a = u_;
    }
    return world_->Public(args);
  }
  static void AddRecipients(std::vector<std::string>& args, const std::string& flag,
                            const std::vector<Identity>& who) {
    UnsealerFixture::AddRecipients(args, flag, who);
  }
  std::string U(const std::string& rest = "") const { return dir() / (u_ + rest); }

  nlohmann::json Status() {
    const RunResult r = Public({"unsealer", "status", "--dir", "u", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json(r);
  }

  static inline UnsealerFixture* world_ = nullptr;
  static inline std::vector<Identity> custodians_;
  static inline Identity quorum_;
  static inline int counter_ = 0;
  std::string u_;
};

// The value of "field: " in a key text block (keys/key_text.h), or "".
std::string KeyTextField(const std::string& text, const std::string& field);

}  // namespace keyrite::testing
