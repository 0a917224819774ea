// The message of the eorun::Error an action throws, and a check that a text contains a part.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "eorun/error.hpp"

namespace eorun::test {

// The what() of the eorun::Error `action` throws, or "(no error)".
inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace eorun::test

// EXPECT that `text` contains `part`, printing the text when it does not.
#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)
