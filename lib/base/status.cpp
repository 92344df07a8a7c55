#include "base/status.h"

namespace keyrite {

Status Status::WithContext(std::string_view where) const {
  if (ok()) return *this;
  return Status(kind_, std::string(where) + ": " + message_);
}

Status InvalidArgument(std::string m) { return {ErrorKind::kInvalidArgument, std::move(m)}; }
Status InvalidInput(std::string m) { return {ErrorKind::kInvalidInput, std::move(m)}; }
Status Corrupt(std::string m) { return {ErrorKind::kCorrupt, std::move(m)}; }
Status Insufficient(std::string m) { return {ErrorKind::kInsufficient, std::move(m)}; }
Status Mismatch(std::string m) { return {ErrorKind::kMismatch, std::move(m)}; }
Status NotFound(std::string m) { return {ErrorKind::kNotFound, std::move(m)}; }
Status IoError(std::string m) { return {ErrorKind::kIo, std::move(m)}; }
Status AlreadyExists(std::string m) { return {ErrorKind::kExists, std::move(m)}; }
Status Unsupported(std::string m) { return {ErrorKind::kUnsupported, std::move(m)}; }
Status Refused(std::string m) { return {ErrorKind::kRefused, std::move(m)}; }
Status Cancelled(std::string m) { return {ErrorKind::kCancelled, std::move(m)}; }
Status Internal(std::string m) { return {ErrorKind::kInternal, std::move(m)}; }

}  // namespace keyrite
