#pragma once
// Network interfaces and the offline guard. keyrite handles secrets only while every non-loopback
// interface is down; the interface list is a plain value so the guard can be tested with a fake
// one. Nothing here is secret.

#include <string>
#include <vector>

#include "base/status.h"

namespace keyrite::sys {

struct Interface {
  std::string name;       // "eth0", "wlan0", "lo"
  bool up = false;        // IFF_UP: administratively up, with or without a carrier
  bool loopback = false;  // IFF_LOOPBACK
};

// The machine's interfaces (getifaddrs), one entry per name, sorted by name. Fails closed: if the
// list cannot be read it holds one pretend interface, up and not loopback, whose name says why,
// so a failed look-up never reads as "offline".
std::vector<Interface> ListInterfaces();

// The non-loopback interfaces that are up, in list order.
std::vector<Interface> OnlineInterfaces(const std::vector<Interface>& interfaces);

// Ok when no non-loopback interface is up or `allow_online` is set (the caller records that
// override in the transcript); otherwise Refused, naming the interfaces that are up.
Status CheckOffline(const std::vector<Interface>& interfaces, bool allow_online);

}  // namespace keyrite::sys
