#pragma once
// Active swap devices (from the text of /proc/swaps) and whether each keeps memory off the disk in
// the clear: backed by dm-crypt (directly or under LVM) or zram (compressed RAM). The sysfs root is
// a parameter so tests can lay out a fake /sys. Nothing here is secret.

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace keyrite::sys {

struct SwapDevice {
  std::string path;        // as /proc/swaps names it, octal escapes (\040) decoded
  std::string type;        // "partition" or "file"
  bool on_disk = true;     // false for zram: its pages stay in RAM
  bool encrypted = false;  // a dm-crypt device ("CRYPT-" dm uuid) is in its device stack
};

// Parses /proc/swaps. `sysfs_root` is "/sys" in production. Corrupt names the bad line.
Result<std::vector<SwapDevice>> ParseSwaps(std::string_view proc_swaps,
                                           const std::string& sysfs_root);

// True when block device `name` ("dm-1", "sda2") is dm-crypt or sits on one (followed through
// <sysfs_root>/class/block/NAME/slaves, so swap on LVM on LUKS counts as encrypted).
bool IsEncryptedBlockDevice(const std::string& sysfs_root, const std::string& name);

}  // namespace keyrite::sys
