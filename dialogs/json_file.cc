#include "dialogs/json_file.h"

#include <fstream>
#include <sstream>

namespace kneebot {

using nlohmann::json;

Status ReadJsonFile(const std::string& dir, const std::string& name, json* out) {
  std::ifstream in(dir + "/" + name, std::ios::binary);
  if (!in) return Status::InvalidArgument(name + ": cannot open " + dir + "/" + name);
  std::stringstream buf;
  buf << in.rdbuf();
  try {
    *out = json::parse(buf.str());
  } catch (const json::parse_error& e) {
    return Status::InvalidArgument(name + ": not valid JSON at byte " +
                                   std::to_string(e.byte) + ": " + e.what());
  }
  if (!out->is_object()) return Status::InvalidArgument(name + ":: not a JSON object");
  if (!out->contains("schema") || (*out)["schema"] != 1) {
    return Status::InvalidArgument(name + ":/schema: must be 1");
  }
  return Status::OK();
}

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
