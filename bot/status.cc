#include "bot/status.h"

namespace kneebot {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk:
      return "OK";
    case Code::kNotFound:
      name = "Not found";
      break;
    case Code::kInvalidArgument:
      name = "Invalid argument";
      break;
    case Code::kConflict:
      name = "Conflict";
      break;
    case Code::kUnavailable:
      name = "Unavailable";
      break;
    case Code::kUnauthenticated:
      name = "Unauthenticated";
      break;
    case Code::kInternal:
      name = "Internal";
      break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace kneebot
