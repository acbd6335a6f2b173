// Reading the files of intents/data and reporting problems in them by file and JSON
// pointer, so a content editor sees exactly what to fix:
//
//   DataError err{"intents.json"};
//   return err.At("/intents/0/patterns/0", "missing ): (unclosed");
//   // InvalidArgument "intents.json:/intents/0/patterns/0: missing ): (unclosed"
//
// Every reader here is strict: unknown keys and wrong types are errors, because a
// misspelt key ("keyword" for "keywords") would otherwise be silently ignored.
#ifndef KNEEBOT_INTENTS_DATA_LOADER_H_
#define KNEEBOT_INTENTS_DATA_LOADER_H_

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bot/status.h"

namespace kneebot::intents {

struct DataError {
  std::string file;
  Status At(std::string_view pointer, std::string_view message) const {
    return Status::InvalidArgument(file + ":" + std::string(pointer) + ": " + std::string(message));
  }
};

// Reads `dir`/`name`, parses it and checks it is an object with "schema": 1.
Status ReadDataFile(const std::string& dir, const std::string& name, nlohmann::json* out);

// `pointer` + "/" + `key`, escaping "~" and "/" in the key as RFC 6901 says.
std::string Child(const std::string& pointer, std::string_view key);
std::string Child(const std::string& pointer, size_t index);

// Checks that `obj` (found at `pointer`) is an object holding every key of `required`
// and no key outside `required` and `optional`.
Status CheckObject(const DataError& err, const nlohmann::json& obj, const std::string& pointer,
                   std::initializer_list<std::string_view> required,
                   std::initializer_list<std::string_view> optional);

// Reads an array of non-empty strings.
Status ReadStrings(const DataError& err, const nlohmann::json& arr, const std::string& pointer,
                   std::vector<std::string>* out);

// Reads a non-empty string.
Status ReadString(const DataError& err, const nlohmann::json& v, const std::string& pointer,
                  std::string* out);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_DATA_LOADER_H_
