#ifndef YEKUO_VALIDATE_H
#define YEKUO_VALIDATE_H
#endif
