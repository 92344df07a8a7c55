#include "ops/preflight.h"

#include <cstdlib>
#include <string>

#include "secmem/secure_bytes.h"
#include "sys/network.h"

namespace keyrite::ops {
namespace {

// Tests can add a pretend interface that is up (KEYRITE_TEST_EXTRA_INTERFACE=eth9) to check the
// refusal on any machine. It can only make the check stricter, never hide a real interface.
void AddTestInterface(std::vector<sys::Interface>& interfaces) {
  const char* extra = std::getenv("KEYRITE_TEST_EXTRA_INTERFACE");
  if (extra != nullptr && *extra != '\0') interfaces.push_back({extra, true, false});
}

}  // namespace

Result<std::vector<std::string>> PreflightSecretCommand(bool allow_online) {
  std::vector<sys::Interface> interfaces = sys::ListInterfaces();
  AddTestInterface(interfaces);
  KR_RETURN_IF_ERROR(sys::CheckOffline(interfaces, allow_online));
  KR_RETURN_IF_ERROR(secmem::CheckLockBudget(kLockBudgetBytes));
  std::vector<std::string> online;
  for (const sys::Interface& i : sys::OnlineInterfaces(interfaces)) online.push_back(i.name);
  return online;
}

}  // namespace keyrite::ops
