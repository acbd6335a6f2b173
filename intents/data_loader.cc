#include "intents/data_loader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace kneebot::intents {

using nlohmann::json;

Status ReadDataFile(const std::string& dir, const std::string& name, json* out) {
  std::ifstream in(dir + "/" + name, std::ios::binary);
  if (!in) return Status::InvalidArgument(name + ": cannot open " + dir + "/" + name);
  std::stringstream buf;
  buf << in.rdbuf();
  try {
    *out = json::parse(buf.str());
  } catch (const json::parse_error& e) {
    return Status::InvalidArgument(name + ": not valid JSON at byte " + std::to_string(e.byte) +
                                   ": " + e.what());
  }
  DataError err{name};
  if (!out->is_object()) return err.At("", "must be a JSON object");
  if (!out->contains("schema")) return err.At("/schema", "missing");
  if ((*out)["schema"] != 1) return err.At("/schema", "must be 1");
  return Status::OK();
}

std::string Child(const std::string& pointer, std::string_view key) {
  std::string out = pointer + "/";
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Child(const std::string& pointer, size_t index) {
  return pointer + "/" + std::to_string(index);
}

Status CheckObject(const DataError& err, const json& obj, const std::string& pointer,
                   std::initializer_list<std::string_view> required,
                   std::initializer_list<std::string_view> optional) {
  if (!obj.is_object()) return err.At(pointer, "must be an object");
  for (std::string_view key : required) {
    if (!obj.contains(key)) return err.At(Child(pointer, key), "missing");
  }
  for (const auto& [key, value] : obj.items()) {
    auto is = [&](std::string_view k) { return k == key; };
    if (std::none_of(required.begin(), required.end(), is) &&
        std::none_of(optional.begin(), optional.end(), is)) {
      return err.At(Child(pointer, key), "unknown key");
    }
  }
  return Status::OK();
}

Status ReadString(const DataError& err, const json& v, const std::string& pointer,
                  std::string* out) {
  if (!v.is_string()) return err.At(pointer, "must be a string");
  if (v.get_ref<const std::string&>().empty()) return err.At(pointer, "must not be empty");
  *out = v.get<std::string>();
  return Status::OK();
}

Status ReadStrings(const DataError& err, const json& arr, const std::string& pointer,
                   std::vector<std::string>* out) {
  if (!arr.is_array()) return err.At(pointer, "must be an array of strings");
  out->clear();
  out->reserve(arr.size());
  for (size_t i = 0; i < arr.size(); ++i) {
    std::string s;
    Status st = ReadString(err, arr[i], Child(pointer, i), &s);
    if (!st.ok()) return st;
    out->push_back(std::move(s));
  }
  return Status::OK();
}

}  // namespace kneebot::intents
