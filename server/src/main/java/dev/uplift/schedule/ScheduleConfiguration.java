package dev.uplift.schedule;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link ScheduleRunner} and {@link BanditRunner} on Spring's task scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ScheduleConfiguration {

}
