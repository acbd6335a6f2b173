#include "dialogs/json_file.h"

namespace kneebot {

using nlohmann::json;

Status Require(const ContentError& err, const json& doc, const std::string& pointer,
               std::string_view kind) {
  json::json_pointer ptr(pointer);
  if (!doc.contains(ptr)) return err.At(pointer, "missing");
  const json& v = doc.at(ptr);
  bool ok = (kind == "object" && v.is_object()) || (kind == "array" && v.is_array()) ||
            (kind == "string" && v.is_string()) ||
            (kind == "integer" && v.is_number_integer()) ||
            (kind == "number" && v.is_number()) || (kind == "boolean" && v.is_boolean());
  if (!ok) return err.At(pointer, "must be " + std::string(kind == "integer" ? "an" : "a") + " " + std::string(kind));
  if (kind == "string" && v.get_ref<const std::string&>().empty()) {
    return err.At(pointer, "must not be empty");
  }
  return Status::OK();
}

}  // namespace kneebot
