// SPDX-License-Identifier: Apache-2.0
#pragma once

// What libzklive.so exports: the classes marked ZKLIVE_API. The library is compiled with
// hidden visibility, so that its internals are neither part of its ABI nor able to clash
// with an application's symbols.
#define ZKLIVE_API __attribute__((visibility("default")))
