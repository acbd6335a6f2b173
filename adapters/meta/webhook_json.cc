#include "adapters/meta/webhook_json.h"

namespace kneebot::meta {

using nlohmann::json;

const json& Member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string StringMember(const json& object, const char* key) {
  const json& v = Member(object, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

const json& ArrayMember(const json& object, const char* key) {
  static const json kEmpty = json::array();
  const json& v = Member(object, key);
  return v.is_array() ? v : kEmpty;
}

}  // namespace kneebot::meta
