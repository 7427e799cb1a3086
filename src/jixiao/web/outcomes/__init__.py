"""Using the results (评价结果应用): rankings, incentive pools, next year's targets, 整改台账, 项目库."""
