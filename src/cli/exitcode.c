#include "config.h"

#include <stddef.h>

#include "yekuo/cli/exitcode.h"
#include "yekuo/core/i18n.h"

/* The table `yekuo help` and yekuo(1) print; the codes are exitcode.h's. */
const struct cli_exit_row cli_exit_table[] = {
	{EXIT_OK, "OK", N_("完成；答案在标准输出上")},
	{EXIT_NO, "NO", N_("答案是“否”：检查发现了问题、没有符合的，或有些行没有导入")},
	{EXIT_USAGE, "USAGE", N_("输入有误：未知的命令或选项，或某个值无效；什么也没有改变")},
	{EXIT_NOT_FOUND, "NOT_FOUND", N_("所写的案件、文件、时限规则或数据库不存在")},
	{EXIT_CONFLICT, "CONFLICT", N_("格式没错，但已存的内容不允许：案件的环节或状态、已有的数据库、同步冲突")},
	{EXIT_LOCKED, "LOCKED", N_("别的程序正占用数据库；请再试一次")},
	{EXIT_DAMAGED, "DAMAGED", N_("数据库、同步包或数据文件已损坏，或不是这个 yekuo 能读的（yekuo verify 会说得更多）")},
	{EXIT_SYSTEM, "SYSTEM", N_("系统拒绝了：没有权限、只读、磁盘已满")},
	{EXIT_PRINT, "PRINT", N_("什么也没有打印：缺少 paps、字体、lp 或打印机，或打印系统拒绝了任务；消息会说明要安装或设置什么")},
};
const size_t cli_exit_count = sizeof cli_exit_table / sizeof cli_exit_table[0];

int
cli_exit_for(enum yk_error_kind kind)
{
	switch (kind) {
	case YK_ERR_INPUT:
		return EXIT_USAGE;
	case YK_ERR_NOT_FOUND:
		return EXIT_NOT_FOUND;
	case YK_ERR_CONFLICT:
		return EXIT_CONFLICT;
	case YK_ERR_LOCKED:
		return EXIT_LOCKED;
	case YK_ERR_DAMAGED:
		return EXIT_DAMAGED;
	case YK_ERR_SYSTEM:
		return EXIT_SYSTEM;
	case YK_ERR_PRINT:
		return EXIT_PRINT;
	}
	return EXIT_USAGE;
}
