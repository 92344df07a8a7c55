#pragma once
// The versions of keyrite and of the libraries it runs on, as the loaded libraries report them
// (not the headers it was built against, except libsecp256k1, which has no run-time query).

#include <string>
#include <vector>

namespace keyrite::sys {

struct LibraryVersion {
  std::string name;     // "keyrite", "libsodium", "gpgme", ...
  std::string version;  // never empty: "unknown" when a library does not answer
};

// keyrite, libsodium, gpgme, libsecp256k1, libqrencode, cairo, zbar, in that order.
std::vector<LibraryVersion> LibraryVersions();

}  // namespace keyrite::sys
