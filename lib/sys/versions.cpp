#include "sys/versions.h"

#include <cairo.h>
#include <gpgme.h>
#include <qrencode.h>
#include <sodium.h>
#include <zbar.h>

#include "keyrite_config.h"

namespace keyrite::sys {
namespace {

std::string OrUnknown(const char* text) {
  return text == nullptr || *text == '\0' ? "unknown" : text;
}

std::string ZbarVersion() {
  unsigned major = 0, minor = 0, patch = 0;
  zbar::zbar_version(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

}  // namespace

std::vector<LibraryVersion> LibraryVersions() {
  return {
      {"keyrite", KEYRITE_VERSION},
      {"libsodium", OrUnknown(sodium_version_string())},
      // With a null argument this only reports the version (and initializes gpgme, harmlessly).
      {"gpgme", OrUnknown(gpgme_check_version(nullptr))},
      // libsecp256k1 has no run-time version call: this is the version keyrite was built with.
      {"libsecp256k1", KEYRITE_SECP256K1_VERSION},
      {"libqrencode", OrUnknown(QRcode_APIVersionString())},
      {"cairo", OrUnknown(cairo_version_string())},
      {"zbar", ZbarVersion()},
  };
}

}  // namespace keyrite::sys
