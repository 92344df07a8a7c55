#include "sys/network.h"

#include <ifaddrs.h>
#include <net/if.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <map>

namespace keyrite::sys {
namespace {

std::string JoinNames(const std::vector<Interface>& interfaces) {
  std::string out;
  for (const auto& i : interfaces) out += (out.empty() ? "" : ", ") + i.name;
  return out;
}

}  // namespace

std::vector<Interface> ListInterfaces() {
  ifaddrs* head = nullptr;
  if (getifaddrs(&head) != 0) {
    return {
        {std::string("(unknown: getifaddrs failed: ") + std::strerror(errno) + ")", true, false}};
  }
  // getifaddrs yields one entry per address; the flags belong to the interface, so merge them.
  std::map<std::string, Interface> by_name;
  for (const ifaddrs* a = head; a != nullptr; a = a->ifa_next) {
    Interface& i = by_name[a->ifa_name];
    i.name = a->ifa_name;
    i.up = i.up || (a->ifa_flags & IFF_UP) != 0;
    i.loopback = i.loopback || (a->ifa_flags & IFF_LOOPBACK) != 0;
  }
  freeifaddrs(head);
  std::vector<Interface> out;
  for (auto& [name, i] : by_name) out.push_back(std::move(i));
  return out;
}

std::vector<Interface> OnlineInterfaces(const std::vector<Interface>& interfaces) {
  std::vector<Interface> out;
  std::copy_if(interfaces.begin(), interfaces.end(), std::back_inserter(out),
               [](const Interface& i) { return i.up && !i.loopback; });
  return out;
}

Status CheckOffline(const std::vector<Interface>& interfaces, bool allow_online) {
  const std::vector<Interface> online = OnlineInterfaces(interfaces);
  if (online.empty() || allow_online) return OkStatus();
  const bool one = online.size() == 1;
  return Refused(std::string(one ? "network interface " : "network interfaces ") +
                 JoinNames(online) + (one ? " is up" : " are up") +
                 ": keyrite handles secrets only offline; take " + (one ? "it" : "them") +
                 " down or pass --allow-online (recorded)");
}

}  // namespace keyrite::sys
