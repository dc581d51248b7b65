#ifndef YEKUO_ENGINE_H
#define YEKUO_ENGINE_H
#endif
