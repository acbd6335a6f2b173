// Status: the result of an operation that can fail, in the manner of leveldb's Status.
//
//   Status s = DialogEngine::Load(dir, &engine);
//   if (!s.ok()) { log->critical("{}", s.ToString()); return EXIT_FAILURE; }
//
// Errors cross module boundaries as Status values, never as exceptions. A Status is a
// small value type; copy it freely.
#ifndef KNEEBOT_BOT_STATUS_H_
#define KNEEBOT_BOT_STATUS_H_

#include <string>
#include <string_view>

namespace kneebot {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kNotFound,
    kInvalidArgument,
    kConflict,
    kUnavailable,
    kUnauthenticated,
    kInternal,
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg) { return {Code::kNotFound, msg}; }
  static Status InvalidArgument(std::string_view msg) {
    return {Code::kInvalidArgument, msg};
  }
  static Status Conflict(std::string_view msg) { return {Code::kConflict, msg}; }
  static Status Unavailable(std::string_view msg) {
    return {Code::kUnavailable, msg};
  }
  static Status Unauthenticated(std::string_view msg) {
    return {Code::kUnauthenticated, msg};
  }
  static Status Internal(std::string_view msg) { return {Code::kInternal, msg}; }

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsConflict() const { return code_ == Code::kConflict; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "OK", or "<code name>: <message>".
  std::string ToString() const;

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_STATUS_H_
