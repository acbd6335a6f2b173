// ResponseCatalog: every sentence the bot says, by response id (responses.<locale>.json),
// with the region's numbers filled in at load.
//
//   ResponseCatalog cat;
//   Status s = ResponseCatalog::Load(dir, "en", "UK", &cat);
//   const std::vector<std::string>& bubbles = cat.Get("intro");  // "... call 999 ..."
//
// Immutable after Load; safe for concurrent use.
#ifndef KNEEBOT_DIALOGS_RESPONSES_H_
#define KNEEBOT_DIALOGS_RESPONSES_H_

#include <map>
#include <string>
#include <vector>

#include "bot/status.h"
#include "dialogs/json_file.h"

namespace kneebot {

class ResponseCatalog {
 public:
  // Reads responses.<locale>.json and regions.json. Fails on an unknown region, an
  // empty or non-string bubble, or a placeholder other than {emergency_number},
  // {urgent_service} and {region_name}.
  static Status Load(const std::string& dir, const std::string& locale,
                     const std::string& region, ResponseCatalog* out);

  bool Has(const std::string& id) const { return responses_.count(id) > 0; }
  // The bubbles of `id`. `id` must exist (Load-time checks guarantee it for every
  // id the content references; the engine checks its own ids through Require).
  const std::vector<std::string>& Get(const std::string& id) const;
  // InvalidArgument "<referrer>: missing response '<id>'" unless `id` exists.
  Status Require(const std::string& id, const std::string& referrer) const;

  const std::string& content_version() const { return content_version_; }
  const std::string& emergency_number() const { return emergency_number_; }

 private:
  std::map<std::string, std::vector<std::string>> responses_;
  std::string content_version_;
  std::string emergency_number_;
};

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_RESPONSES_H_
