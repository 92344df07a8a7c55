#pragma once
// Status and Result<T>: expected failures as values. A Status is either ok or carries a named
// kind and one line a person can act on ("share 3: group 7 fails its check; retype it"). No
// exception crosses a lib/ API; messages never contain secret material.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/check.h"

namespace keyrite {

enum class ErrorKind : std::uint8_t {
  kOk = 0,
  kInvalidArgument,  // a flag or parameter value is unusable (t > n, unknown kind)
  kInvalidInput,     // input text or bytes are malformed (bad share line, empty input)
  kCorrupt,          // integrity check failed (checksum, commitment, digest)
  kInsufficient,     // fewer shares than the threshold
  kMismatch,         // inputs do not belong together (mixed sets, duplicates)
  kNotFound,         // a named file or entry does not exist
  kIo,               // the operating system refused a read or write
  kExists,           // refusing to overwrite something that exists
  kUnsupported,      // unknown version or format
  kRefused,          // policy: online without --allow-online, weak certificate, terminal output
  kCancelled,        // the user stopped it
  kInternal,         // a library failed in a way that is not the user's doing
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  bool ok() const { return kind_ == ErrorKind::kOk; }
  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }

  // The same failure, its message prefixed by where it happened ("shares/c: ").
  Status WithContext(std::string_view where) const;

 private:
  ErrorKind kind_ = ErrorKind::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
Status InvalidArgument(std::string message);
Status InvalidInput(std::string message);
Status Corrupt(std::string message);
Status Insufficient(std::string message);
Status Mismatch(std::string message);
Status NotFound(std::string message);
Status IoError(std::string message);
Status AlreadyExists(std::string message);
Status Unsupported(std::string message);
Status Refused(std::string message);
Status Cancelled(std::string message);
Status Internal(std::string message);

// Result<T>: a T or a failed Status. T may be move-only (SecureBytes).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<1>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::in_place_index<0>, std::move(status)) {  // NOLINT
    KR_CHECK(!std::get<0>(v_).ok());
  }

  bool ok() const { return v_.index() == 1; }
  Status status() const { return ok() ? Status() : std::get<0>(v_); }

  T& value() & { return Get(); }
  const T& value() const& { return const_cast<Result*>(this)->Get(); }
  T&& value() && { return std::move(Get()); }
  T* operator->() { return &Get(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Get(); }
  T& operator*() & { return Get(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Get(); }

 private:
  T& Get() {
    KR_CHECK(ok());
    return std::get<1>(v_);
  }
  std::variant<Status, T> v_;
};

}  // namespace keyrite

#define KR_CONCAT_INNER(a, b) a##b
#define KR_CONCAT(a, b) KR_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` is not ok.
#define KR_RETURN_IF_ERROR(expr)                 \
  do {                                           \
    ::keyrite::Status kr_status_ = (expr);       \
    if (!kr_status_.ok()) return kr_status_;     \
  } while (0)

// `KR_ASSIGN_OR_RETURN(auto x, Foo());` declares x from an ok Result or returns its Status.
#define KR_ASSIGN_OR_RETURN(lhs, rexpr) \
  KR_ASSIGN_OR_RETURN_IMPL(KR_CONCAT(kr_result_, __LINE__), lhs, rexpr)
#define KR_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                             \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
